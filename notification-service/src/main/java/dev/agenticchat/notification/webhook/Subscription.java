package dev.agenticchat.notification.webhook;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A row of webhook_subscriptions; never leaves the service (views drop the secret). */
record Subscription(UUID id, String tenantId, String url, List<String> eventTypes, String sealedSecret, String status,
                    @Nullable String disabledReason, Instant createdAt) {
    static final String ACTIVE = "active";
    static final String DISABLED = "disabled";
}
