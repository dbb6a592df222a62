package dev.agenticchat.support.ratelimit;

import java.time.Duration;

/** At most {@code max} hits per {@code window} (a clock-aligned fixed window); {@code max} 0 or less means no limit. */
public record RateLimit(String name, int max, Duration window) {
    public boolean unlimited() {
        return max <= 0;
    }
}
