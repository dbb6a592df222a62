package dev.agenticchat.gateway.stream;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each thread's recent turns begin in the log, learnt from the live fan-out, which sees every
 * event: the offset of a turn's TurnStarted, per thread, with the user message it answers and
 * whether it has ended. It is what lets a late joiner (a second tab) or a sender whose
 * acknowledgement came late read a turn from its start. Only the last few turns of a thread are kept,
 * for {@link #KEPT_FOR}; a turn that began before this instance started is not known here (such a
 * reader gets the turn from when it joined, or everything it names with {@code after_seq}).
 */
@Singleton
class TurnStarts {
    static final Duration KEPT_FOR = Duration.ofMinutes(15);
    private static final int TURNS_PER_THREAD = 4;

    record Mark(String turnId, @Nullable String messageId, long offset, boolean ended, Instant seen) {
    }

    /** Per thread, its last few turns, oldest first; each list immutable, replaced on change. */
    private final Map<String, List<Mark>> byThread = new ConcurrentHashMap<>();

    void started(String threadId, String turnId, @Nullable String messageId, long offset) {
        Instant now = Instant.now();
        byThread.compute(threadId, (id, marks) -> {
            List<Mark> kept = new ArrayList<>(TURNS_PER_THREAD + 1);
            if (marks != null) {
                // A turn started again (its worker died) is read from its new start.
                marks.stream().filter(mark -> !mark.turnId().equals(turnId)).forEach(kept::add);
            }
            kept.add(new Mark(turnId, messageId, offset, false, now));
            return List.copyOf(kept.subList(Math.max(0, kept.size() - TURNS_PER_THREAD), kept.size()));
        });
    }

    void ended(String threadId, String turnId) {
        byThread.computeIfPresent(threadId, (id, marks) -> marks.stream()
                .map(mark -> mark.turnId().equals(turnId)
                        ? new Mark(mark.turnId(), mark.messageId(), mark.offset(), true, mark.seen()) : mark)
                .toList());
    }

    /** The offset a reader joining now starts from: the running turn's start, if one runs. */
    @Nullable
    Long runningTurnStart(String threadId) {
        List<Mark> marks = byThread.getOrDefault(threadId, List.of());
        for (int i = marks.size() - 1; i >= 0; i--) {
            if (!marks.get(i).ended()) {
                return marks.get(i).offset();
            }
        }
        return null;
    }

    /** Where the turn answering this message starts, running or recently ended; null if it has not started (here). */
    @Nullable
    Long turnStartOf(String threadId, String messageId) {
        for (Mark mark : byThread.getOrDefault(threadId, List.of())) {
            if (messageId.equals(mark.messageId())) {
                return mark.offset();
            }
        }
        return null;
    }

    /** The id of the turn answering this message, if this instance saw it start recently. */
    @Nullable
    String turnIdOf(String threadId, String messageId) {
        for (Mark mark : byThread.getOrDefault(threadId, List.of())) {
            if (messageId.equals(mark.messageId())) {
                return mark.turnId();
            }
        }
        return null;
    }

    /** Forgets threads whose last turn was seen longer than {@link #KEPT_FOR} ago. */
    void expire(Instant now) {
        Instant cutoff = now.minus(KEPT_FOR);
        byThread.entrySet().removeIf(entry -> {
            List<Mark> marks = entry.getValue();
            return marks.isEmpty() || marks.get(marks.size() - 1).seen().isBefore(cutoff);
        });
    }

    int threads() {
        return byThread.size();
    }
}
