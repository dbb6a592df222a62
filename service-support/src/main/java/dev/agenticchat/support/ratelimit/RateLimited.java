package dev.agenticchat.support.ratelimit;

import dev.agenticchat.support.web.ApiProblem;
import io.micronaut.http.HttpStatus;
import java.time.Duration;
import java.util.List;

/** A limit refused the request: 429 problem+json with {@code Retry-After} (whole seconds, at least 1). */
public class RateLimited extends ApiProblem {
    private final String limit;
    private final Duration retryAfter;

    public RateLimited(String limit, String detail, Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, "Too many requests", detail, List.of());
        this.limit = limit;
        this.retryAfter = retryAfter.isNegative() ? Duration.ZERO : retryAfter;
    }

    /** The setting's name, e.g. {@code turns_per_user_per_minute}. */
    public String limit() {
        return limit;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
