package dev.agenticchat.gateway.auth;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface UserRepository extends CrudRepository<User, UUID> {
    Optional<User> findByIdAndTenantId(UUID id, UUID tenantId);

    @Query("SELECT * FROM users WHERE id = :id FOR UPDATE")
    Optional<User> findByIdForUpdate(UUID id);

    /** The person with this (normalized) email in the tenant, locked: two sessions linking one email meet here. */
    @Query("SELECT * FROM users WHERE tenant_id = :tenantId AND lower(email) = :email AND kind = 'person' AND merged_into IS NULL FOR UPDATE")
    Optional<User> findPersonForUpdate(UUID tenantId, String email);

    @Query("UPDATE users SET merged_into = :into, merged_at = :at WHERE id = :id")
    void merge(UUID id, UUID into, Instant at);

    @Query("SELECT id FROM users WHERE merged_at > :since")
    List<UUID> mergedSince(Instant since);

    /** Sessions merged into this person since then: their data may still be moving (UserLinked). */
    @Query("SELECT id FROM users WHERE merged_into = :personId AND merged_at > :since ORDER BY merged_at")
    List<UUID> mergedIntoSince(UUID personId, Instant since);

    /** Every user that ever was this person: the person and the sessions merged into it. */
    @Query("SELECT id FROM users WHERE id = :personId OR merged_into = :personId ORDER BY created_at")
    List<UUID> identitiesOf(UUID personId);
}
