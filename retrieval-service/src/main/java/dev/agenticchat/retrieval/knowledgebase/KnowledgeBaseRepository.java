package dev.agenticchat.retrieval.knowledgebase;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface KnowledgeBaseRepository extends CrudRepository<KnowledgeBase, UUID> {
    Optional<KnowledgeBase> findByIdAndTenantId(UUID id, String tenantId);

    List<KnowledgeBase> findByTenantIdAndOwnerId(String tenantId, String ownerId);

    @Query("UPDATE knowledge_bases SET owner_id = :toUser WHERE tenant_id = :tenantId AND owner_id = :fromUser")
    int moveOwner(String tenantId, String fromUser, String toUser);

    /** The user's own knowledge bases and the tenant's, newest first. */
    @Query("""
            SELECT * FROM knowledge_bases
            WHERE tenant_id = :tenantId AND (owner_id = :userId OR owner_kind = 'tenant') AND (created_at, id) < (:createdAt, :id)
            ORDER BY created_at DESC, id DESC LIMIT :limit""")
    List<KnowledgeBase> pageOf(String tenantId, String userId, Instant createdAt, UUID id, int limit);
}
