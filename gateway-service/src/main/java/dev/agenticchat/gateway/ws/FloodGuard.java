package dev.agenticchat.gateway.ws;

/**
 * Tells a busy client from an abusive one. A client floods when each of
 * {@code sustainSeconds} consecutive one-second windows held more than
 * {@code maxPerSecond} frames, or when a single window holds ten times that many.
 * {@code maxPerSecond} 0 lets every client through. Called on the socket's event loop only, so it
 * needs no locking.
 */
final class FloodGuard {
    static final int BURST_FACTOR = 10;
    private static final long SECOND = 1_000_000_000L;

    private final int maxPerSecond;
    private final int sustainSeconds;
    private boolean started;
    private long windowStart;
    private int count;
    private int floodedWindows;

    FloodGuard(int maxPerSecond, int sustainSeconds) {
        this.maxPerSecond = maxPerSecond;
        this.sustainSeconds = sustainSeconds;
    }

    /** Counts one frame received at {@code nanoTime}; false once the client is flooding. */
    boolean allow(long nanoTime) {
        if (maxPerSecond <= 0) {
            return true;
        }
        if (!started) {
            started = true;
            windowStart = nanoTime;
        } else if (nanoTime - windowStart >= SECOND) {
            long elapsedWindows = (nanoTime - windowStart) / SECOND;
            // A window over the limit extends the streak only if it is the one just before this one.
            floodedWindows = count > maxPerSecond && elapsedWindows == 1 ? floodedWindows + 1 : 0;
            windowStart += elapsedWindows * SECOND;
            count = 0;
        }
        count++;
        return floodedWindows < sustainSeconds && count <= maxPerSecond * BURST_FACTOR;
    }
}
