package dev.agenticchat.notification.email;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.email.EmailException;
import java.time.Duration;

/**
 * A provider did not take a mail; {@code retryable} when trying again later may succeed (429,
 * 5xx, unreachable), {@code retryAfter} when the provider said how long to wait.
 */
class DeliveryFailure extends EmailException {
    private final boolean retryable;
    private final Duration retryAfter;

    DeliveryFailure(boolean retryable, String providerResponse) {
        this(retryable, providerResponse, null);
    }

    DeliveryFailure(boolean retryable, String providerResponse, @Nullable Duration retryAfter) {
        super(providerResponse);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    boolean retryable() {
        return retryable;
    }

    @Nullable
    Duration retryAfter() {
        return retryAfter;
    }
}
