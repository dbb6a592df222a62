package dev.agenticchat.agent.llm;

/** The turn ran out of time, or the user stopped it ({@link #cancelled()}). */
public class DeadlineExceededException extends Exception {
    private final boolean cancelled;

    public DeadlineExceededException() {
        this(false);
    }

    public DeadlineExceededException(boolean cancelled) {
        super(cancelled ? "the user stopped the turn" : "the turn took longer than its time limit");
        this.cancelled = cancelled;
    }

    public boolean cancelled() {
        return cancelled;
    }
}
