package dev.agenticchat.gateway.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

@MappedEntity("refresh_tokens")
record RefreshToken(@Id UUID id, UUID userId, String tokenHash, Instant expiresAt, @Nullable Instant revokedAt,
                    Instant createdAt) {

    boolean usableAt(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }
}
