package dev.agenticchat.agent.llm;

import java.time.Duration;

/** The moment a turn must be over by; every blocking wait of the turn is bounded by what is left of it. */
public final class Deadline {
    private final long deadlineNanos;

    private Deadline(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    public static Deadline after(Duration duration) {
        return new Deadline(System.nanoTime() + duration.toNanos());
    }

    public long remainingMillis() {
        return Math.max(0, Duration.ofNanos(deadlineNanos - System.nanoTime()).toMillis());
    }

    public void check() throws DeadlineExceededException {
        if (System.nanoTime() - deadlineNanos >= 0) {
            throw new DeadlineExceededException();
        }
    }
}
