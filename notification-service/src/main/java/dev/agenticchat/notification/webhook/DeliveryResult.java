package dev.agenticchat.notification.webhook;

import io.micronaut.core.annotation.Nullable;

/** What one attempt got: a 2xx, another status, or no answer at all. */
record DeliveryResult(boolean delivered, @Nullable Integer statusCode, @Nullable String error) {
}
