package dev.agenticchat.gateway.auth;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface RefreshTokenRepository extends CrudRepository<RefreshToken, UUID> {

    /** Locks the row so two concurrent refreshes with one token cannot both succeed. */
    @Query("SELECT * FROM refresh_tokens WHERE token_hash = :tokenHash FOR UPDATE")
    Optional<RefreshToken> findByTokenHashForUpdate(String tokenHash);

    @Query("UPDATE refresh_tokens SET revoked_at = :revokedAt WHERE id = :id")
    void revoke(UUID id, Instant revokedAt);

    @Query("UPDATE refresh_tokens SET revoked_at = :revokedAt WHERE user_id = :userId AND revoked_at IS NULL")
    void revokeAllOf(UUID userId, Instant revokedAt);

    @Query("UPDATE refresh_tokens SET revoked_at = :revokedAt WHERE family_id = :familyId AND revoked_at IS NULL")
    int revokeFamily(UUID familyId, Instant revokedAt);
}
