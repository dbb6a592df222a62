package dev.agenticchat.notification.otp;

import java.time.Duration;

/** Too many code requests for an address or from an IP; answered 429 with Retry-After. */
class RateLimited extends RuntimeException {
    private final Duration retryAfter;

    RateLimited(Duration retryAfter) {
        super("too many code requests; try again later");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, rounded up. */
    long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
