package dev.agenticchat.agent.context;

import java.util.List;

/**
 * Which earlier turns go into a prompt verbatim: whole turns, newest first, while they fit in what
 * the budget leaves after the parts that always go in (persona, the current message, the tools).
 * When every turn of the thread fits, that is all. Otherwise the older part is covered by the
 * running summary, and room for it ({@code summaryReserve}) is kept before the turns are fitted,
 * so persona, summary, turns, message and tools together stay within the budget.
 *
 * @param kept          how many of the newest turns go in verbatim
 * @param needsSummary  whether turns were left out (then the summary stands in for them)
 */
public record ContextWindow(int kept, boolean needsSummary) {

    /**
     * {@code newestFirst}: the tokens of each earlier turn, newest first; {@code wholeThread}: whether
     * they are all the thread has (false when more were left unread); {@code available}: the budget
     * less what always goes in.
     */
    public static ContextWindow select(List<Integer> newestFirst, boolean wholeThread, int available, int summaryReserve) {
        if (wholeThread && fitting(newestFirst, available) == newestFirst.size()) {
            return new ContextWindow(newestFirst.size(), false);
        }
        return new ContextWindow(fitting(newestFirst, available - summaryReserve), true);
    }

    /** How many of the newest turns fit in {@code room} tokens together. */
    static int fitting(List<Integer> newestFirst, int room) {
        long used = 0;
        for (int i = 0; i < newestFirst.size(); i++) {
            used += newestFirst.get(i);
            if (used > room) {
                return i;
            }
        }
        return newestFirst.size();
    }
}
