package dev.agenticchat.chat.thread;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ThreadRepository extends CrudRepository<ChatThread, UUID> {

    Optional<ChatThread> findByIdAndTenantIdAndUserId(UUID id, String tenantId, String userId);

    /** A thread of any of these users (the caller and the sessions just linked into it). */
    @Query("SELECT * FROM threads WHERE id = :id AND tenant_id = :tenantId AND user_id IN (:userIds)")
    Optional<ChatThread> findReadable(UUID id, String tenantId, List<String> userIds);

    @Query("""
            SELECT * FROM threads WHERE tenant_id = :tenantId AND user_id IN (:userIds)
            ORDER BY updated_at DESC, id DESC LIMIT :limit""")
    List<ChatThread> firstPage(String tenantId, List<String> userIds, int limit);

    @Query("""
            SELECT * FROM threads WHERE tenant_id = :tenantId AND user_id IN (:userIds)
              AND (updated_at, id) < (:updatedAt, :id)
            ORDER BY updated_at DESC, id DESC LIMIT :limit""")
    List<ChatThread> pageAfter(String tenantId, List<String> userIds, Instant updatedAt, UUID id, int limit);

    /** The owner's thread, its row locked until the transaction ends. */
    @Query("SELECT * FROM threads WHERE id = :id AND tenant_id = :tenantId AND user_id = :userId FOR UPDATE")
    Optional<ChatThread> findOwnedForUpdate(UUID id, String tenantId, String userId);

    /** Moves the thread up the list; never back in time when activities commit out of order. */
    @Query("UPDATE threads SET updated_at = GREATEST(updated_at, :at) WHERE id = :id")
    void touch(UUID id, Instant at);

    int deleteByIdAndTenantIdAndUserId(UUID id, String tenantId, String userId);
}
