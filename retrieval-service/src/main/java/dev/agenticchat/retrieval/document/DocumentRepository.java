package dev.agenticchat.retrieval.document;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DocumentRepository extends CrudRepository<Document, UUID> {
    Optional<Document> findByIdAndTenantId(UUID id, String tenantId);

    /** What the user uploaded to private knowledge bases: theirs, erased with them. */
    @Query("""
            SELECT d.* FROM documents d JOIN knowledge_bases kb ON kb.id = d.knowledge_base_id
            WHERE d.tenant_id = :tenantId AND d.uploaded_by = :uploadedBy AND kb.owner_kind = 'user'""")
    List<Document> findPrivateUploads(String tenantId, String uploadedBy);

    /** What the user uploaded to the tenant's knowledge bases stays the tenant's, without the uploader's id. */
    @Query("""
            UPDATE documents SET uploaded_by = NULL WHERE tenant_id = :tenantId AND uploaded_by = :uploadedBy
            AND knowledge_base_id IN (SELECT id FROM knowledge_bases WHERE tenant_id = :tenantId AND owner_kind = 'tenant')""")
    int forgetTenantUploader(String tenantId, String uploadedBy);

    @Query("UPDATE documents SET uploaded_by = :toUser WHERE tenant_id = :tenantId AND uploaded_by = :fromUser")
    int moveUploader(String tenantId, String fromUser, String toUser);

    Optional<Document> findByKnowledgeBaseIdAndContentHash(UUID knowledgeBaseId, String contentHash);

    @Query("""
            SELECT * FROM documents WHERE knowledge_base_id = :knowledgeBaseId AND (created_at, id) < (:createdAt, :id)
            ORDER BY created_at DESC, id DESC LIMIT :limit""")
    List<Document> pageOf(UUID knowledgeBaseId, Instant createdAt, UUID id, int limit);

    @Query("""
            UPDATE documents SET status = 'processing', attempts = attempts + 1, failure_reason = NULL,
                   chunk_count = 0, chunks_embedded = 0, updated_at = now()
            WHERE id = :id AND status IN ('pending', 'processing')""")
    int markProcessing(UUID id);

    @Query("""
            UPDATE documents SET status = 'pending', failure_reason = NULL, attempts = 0, uploaded_by = :uploadedBy,
                   updated_at = now()
            WHERE id = :id AND status = 'failed'""")
    int markRetried(UUID id, String uploadedBy);

    @Query("UPDATE documents SET chunk_count = :chunkCount, chunks_embedded = :chunksEmbedded, updated_at = now() WHERE id = :id")
    int updateProgress(UUID id, int chunkCount, int chunksEmbedded);

    @Query("""
            UPDATE documents SET status = 'indexed', chunk_count = :chunkCount, chunks_embedded = :chunkCount, updated_at = now()
            WHERE id = :id AND status = 'processing'""")
    int markIndexed(UUID id, int chunkCount);

    @Query("""
            UPDATE documents SET status = 'failed', failure_reason = :reason, chunk_count = 0, chunks_embedded = 0,
                   updated_at = now()
            WHERE id = :id AND status IN ('pending', 'processing')""")
    int markFailed(UUID id, String reason);
}
