package dev.agenticchat.retrieval.knowledgebase;

import dev.agenticchat.retrieval.vectorstore.VectorStore;
import dev.agenticchat.retrieval.web.Cursor;
import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.web.ApiProblem;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Knowledge bases belong to a tenant: every lookup is by id and the caller's tenant, a foreign id is absent. */
@Singleton
public class KnowledgeBases {
    private final KnowledgeBaseRepository repository;
    private final VectorStore vectors;

    KnowledgeBases(KnowledgeBaseRepository repository, VectorStore vectors) {
        this.repository = repository;
        this.vectors = vectors;
    }

    public Optional<KnowledgeBase> find(Caller caller, UUID id) {
        return repository.findByIdAndTenantId(id, caller.tenantId());
    }

    /** The caller's knowledge base, or a 404 problem. */
    public KnowledgeBase require(Caller caller, UUID id) {
        return find(caller, id).orElseThrow(() -> ApiProblem.notFound("knowledge base " + id));
    }

    /** For ingestion, which acts for the uploader's tenant recorded on the command. */
    public Optional<KnowledgeBase> find(UUID id) {
        return repository.findById(id);
    }

    KnowledgeBase create(Caller caller, String name, String description, String embeddingModel, int chunkSize, int chunkOverlap) {
        Instant now = Instant.now();
        return repository.save(new KnowledgeBase(UUID.randomUUID(), caller.tenantId(), caller.userId(), name, description,
                embeddingModel, chunkSize, chunkOverlap, now, now));
    }

    List<KnowledgeBase> page(Caller caller, Cursor after, int limit) {
        return repository.pageOf(caller.tenantId(), after.createdAt(), after.id(), limit);
    }

    KnowledgeBase update(KnowledgeBase kb) {
        return repository.update(kb);
    }

    /** A linked session's knowledge bases become the person's. */
    @Transactional
    public int moveOwner(String tenantId, String fromUserId, String toUserId) {
        return repository.moveOwner(tenantId, fromUserId, toUserId);
    }

    /** The knowledge bases these users created, with everything in them (an erasure of their creator). */
    @Transactional
    public int eraseOwnedBy(String tenantId, List<String> userIds) {
        int erased = 0;
        for (String userId : userIds) {
            for (KnowledgeBase kb : repository.findByTenantIdAndOwnerId(tenantId, userId)) {
                delete(kb);
                erased++;
            }
        }
        return erased;
    }

    /** Vectors first: if the store fails nothing is deleted and the client can retry. Rows cascade to documents, bytes and chunks. */
    @Transactional
    void delete(KnowledgeBase kb) {
        vectors.deleteKnowledgeBase(kb.tenantId(), kb.id());
        repository.delete(kb);
    }
}
