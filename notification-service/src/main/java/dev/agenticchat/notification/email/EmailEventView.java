package dev.agenticchat.notification.email;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

@Serdeable
record EmailEventView(UUID id, UUID emailId, String requestId, String tenantId, @Nullable String userId, String recipient,
                      String template, @Nullable String subject, String status, int attempt,
                      @Nullable String providerResponse, Instant createdAt) {
}
