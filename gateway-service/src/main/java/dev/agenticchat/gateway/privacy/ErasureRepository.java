package dev.agenticchat.gateway.privacy;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ErasureRepository extends CrudRepository<Erasure, UUID> {

    @Query("SELECT * FROM erasures WHERE id = :id FOR UPDATE")
    Optional<Erasure> findByIdForUpdate(UUID id);

    @Query("INSERT INTO erasure_confirmations (erasure_id, service, confirmed_at) VALUES (:erasureId, :service, :at) ON CONFLICT DO NOTHING")
    void confirm(UUID erasureId, String service, Instant at);

    @Query("SELECT service FROM erasure_confirmations WHERE erasure_id = :erasureId ORDER BY service")
    List<String> confirmedBy(UUID erasureId);

    /** Done: forget whom it was about. */
    @Query("UPDATE erasures SET status = 'completed', completed_at = :at, user_ids = NULL, email_sha256 = NULL WHERE id = :id")
    void complete(UUID id, Instant at);

    // What the gateway itself holds about the person.
    @Query("SELECT id FROM users WHERE tenant_id = :tenantId AND kind = 'person' AND lower(email) = :email")
    List<UUID> personsWithEmail(UUID tenantId, String email);

    @Query("SELECT id FROM users WHERE id IN (:personIds) OR merged_into IN (:personIds)")
    List<UUID> identitiesOf(List<UUID> personIds);

    @Query("DELETE FROM refresh_tokens WHERE user_id = :userId")
    void deleteRefreshTokens(UUID userId);

    @Query("UPDATE users SET merged_into = NULL WHERE id = :userId")
    void unlink(UUID userId);

    @Query("DELETE FROM users WHERE id = :userId")
    void deleteUser(UUID userId);

    /** The tenant's API keys stay when the admin who made or revoked one is erased, without their id. */
    @Query("""
            UPDATE api_keys SET created_by = CASE WHEN created_by = :userId THEN NULL ELSE created_by END,
                                revoked_by = CASE WHEN revoked_by = :userId THEN NULL ELSE revoked_by END
            WHERE created_by = :userId OR revoked_by = :userId""")
    void forgetKeyAdmin(UUID userId);

    @Query("DELETE FROM tenant_admins WHERE tenant_id = :tenantId AND email = :email")
    void deleteAdminGrant(UUID tenantId, String email);
}
