package dev.agenticchat.notification.webhook;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/** One entry of a subscription's delivery log. */
@Serdeable
record DeliveryView(UUID id, String eventId, String eventType, String status, int attempts,
                    @Nullable Integer lastStatusCode, @Nullable String lastError, @Nullable Instant nextAttemptAt,
                    Instant createdAt, @Nullable Instant deliveredAt) {
}
