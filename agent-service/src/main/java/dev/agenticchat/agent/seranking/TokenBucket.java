package dev.agenticchat.agent.seranking;

import java.util.function.LongSupplier;

/**
 * A token bucket that hands out reservations: up to {@code perSecond} requests go at once,
 * then one every {@code 1/perSecond} seconds. A caller that finds the bucket empty is not
 * refused; it is told how long to wait, and its token is taken from the future, so callers
 * queue fairly in arrival order without a thread blocking anywhere.
 */
final class TokenBucket {
    private static final double NANOS_PER_SECOND = 1_000_000_000.0;

    private final double perSecond;
    private final double capacity;
    private final LongSupplier nanoClock;
    private double tokens;
    private long lastRefill;

    TokenBucket(double perSecond, LongSupplier nanoClock) {
        this.perSecond = perSecond;
        this.capacity = Math.max(1, perSecond);
        this.nanoClock = nanoClock;
        this.tokens = capacity;
        this.lastRefill = nanoClock.getAsLong();
    }

    /** Takes a token; returns how many nanoseconds the caller must wait before using it. */
    synchronized long reserve() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(capacity, tokens + (now - lastRefill) * perSecond / NANOS_PER_SECOND);
        lastRefill = now;
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens * NANOS_PER_SECOND / perSecond);
    }
}
