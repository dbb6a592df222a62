package dev.agenticchat.gateway.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** One refresh token, single use; {@code familyId} and {@code familyStartedAt} are those of the sign-in it descends from. */
@MappedEntity("refresh_tokens")
record RefreshToken(@Id UUID id, UUID userId, String tokenHash, Instant expiresAt, @Nullable Instant revokedAt,
                    Instant createdAt, UUID familyId, Instant familyStartedAt) {

    boolean usableAt(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }
}
