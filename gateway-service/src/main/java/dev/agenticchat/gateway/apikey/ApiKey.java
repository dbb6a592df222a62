package dev.agenticchat.gateway.apikey;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A tenant's API key: who it acts as ({@code userId}), its visible prefix and the hash of its secret. */
@MappedEntity("api_keys")
record ApiKey(@Id UUID id, UUID tenantId, UUID userId, String name, String prefix, String secretHash,
              @Nullable UUID createdBy, Instant createdAt, @Nullable Instant lastUsedAt,
              @Nullable Instant revokedAt, @Nullable UUID revokedBy) {
    boolean revoked() {
        return revokedAt != null;
    }
}
