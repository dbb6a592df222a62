package dev.agenticchat.notification.otp;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Sliding-window arithmetic of the request limits. */
final class RateLimits {
    private RateLimits() {
    }

    /**
     * How long until one more request fits, given the times of the requests within the window
     * (oldest first); empty when it fits now.
     */
    static Optional<Duration> waitBeforeNext(List<Instant> times, int max, Duration window, Instant now) {
        if (times.size() < max) {
            return Optional.empty();
        }
        Instant freesUp = times.get(times.size() - max).plus(window);
        Duration wait = Duration.between(now, freesUp);
        return Optional.of(wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait);
    }
}
