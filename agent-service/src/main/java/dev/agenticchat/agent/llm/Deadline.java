package dev.agenticchat.agent.llm;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The moment a turn must be over by; every blocking wait of the turn is bounded by what is
 * left of it. Cancelling it (the user pressed stop) ends those waits at once.
 */
public final class Deadline {
    private final long deadlineNanos;
    private final CompletableFuture<Void> cancelled = new CompletableFuture<>();

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
        if (cancelled.isDone()) {
            throw new DeadlineExceededException(true);
        }
        if (System.nanoTime() - deadlineNanos >= 0) {
            throw new DeadlineExceededException();
        }
    }

    public void cancel() {
        cancelled.complete(null);
    }

    public boolean isCancelled() {
        return cancelled.isDone();
    }

    /** Completes when the turn is cancelled: wait on it together with whatever the turn waits for. */
    public CompletableFuture<Void> cancellation() {
        return cancelled;
    }
}
