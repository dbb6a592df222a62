package dev.agenticchat.agent;

/**
 * Tells an interrupted worker (the service shutting down) from work that went wrong. A
 * blocking client interrupted mid-call reports it as some RuntimeException; treated as a
 * failure, the turn would be marked failed for good. Raised as InterruptedException
 * instead, the turn stays {@code running} and its record is redelivered to the next owner.
 */
public final class Interruptions {
    /** Enough for any real cause chain, and an end to a cyclic one. */
    private static final int MAX_CAUSES = 32;

    private Interruptions() {
    }

    /** True if the current thread is interrupted or the error was caused by an interruption. */
    public static boolean isInterruption(Throwable error) {
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        Throwable cause = error;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            if (cause instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Throws an InterruptedException (with the error as its cause, and the interrupt status
     * cleared as an InterruptedException implies) if the error is an interruption; returns
     * otherwise, so the caller handles the error as the failure it is.
     */
    public static void propagate(RuntimeException error) throws InterruptedException {
        if (isInterruption(error)) {
            Thread.interrupted();
            InterruptedException interrupted = new InterruptedException("interrupted: " + error);
            interrupted.initCause(error);
            throw interrupted;
        }
    }
}
