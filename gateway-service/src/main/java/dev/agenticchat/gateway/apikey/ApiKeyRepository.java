package dev.agenticchat.gateway.apikey;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ApiKeyRepository extends CrudRepository<ApiKey, UUID> {
    Optional<ApiKey> findBySecretHash(String secretHash);

    Optional<ApiKey> findByIdAndTenantId(UUID id, UUID tenantId);

    @Query("SELECT * FROM api_keys WHERE tenant_id = :tenantId ORDER BY created_at, id")
    List<ApiKey> listOf(UUID tenantId);

    @Query("SELECT count(*) FROM api_keys WHERE tenant_id = :tenantId AND revoked_at IS NULL")
    long countActive(UUID tenantId);

    @Query("UPDATE api_keys SET revoked_at = :at, revoked_by = :by WHERE id = :id AND revoked_at IS NULL")
    int revoke(UUID id, Instant at, UUID by);

    /** At most once a minute per key, so a busy key does not write on every request. */
    @Query("UPDATE api_keys SET last_used_at = :at WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :before)")
    void touch(UUID id, Instant at, Instant before);
}
