package dev.agenticchat.retrieval.knowledgebase;

import dev.agenticchat.retrieval.vectorstore.VectorStore;
import dev.agenticchat.support.paging.PageCursor;
import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.web.ApiProblem;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Who may do what with a knowledge base. A private one exists only for its owner: anyone else,
 * tenant admins included, gets a 404. A tenant one is visible to every user of the tenant (they
 * list it, search it, attach it to their threads), and only tenant admins change it (403 for the
 * others, who can see it). Another tenant's knowledge base is always absent.
 */
@Singleton
public class KnowledgeBaseService {
    private final KnowledgeBaseRepository repository;
    private final VectorStore vectors;

    KnowledgeBaseService(KnowledgeBaseRepository repository, VectorStore vectors) {
        this.repository = repository;
        this.vectors = vectors;
    }

    /** The knowledge base if the caller may read and search it. */
    public Optional<KnowledgeBase> find(Caller caller, UUID id) {
        return repository.findByIdAndTenantId(id, caller.tenantId())
                .filter(kb -> kb.ownedByTenant() || caller.isUser(kb.ownerId()));
    }

    /** A knowledge base the caller may read and search, or a 404 problem. */
    public KnowledgeBase readable(Caller caller, UUID id) {
        return find(caller, id).orElseThrow(() -> ApiProblem.notFound("knowledge base " + id));
    }

    /** A knowledge base the caller may change (rename, delete, upload to, delete documents of), else 404 or 403. */
    public KnowledgeBase changeable(Caller caller, UUID id) {
        return requireChangeable(caller, readable(caller, id));
    }

    /** The knowledge base, already known readable by the caller, if they may also change it; else a 403 problem. */
    public KnowledgeBase requireChangeable(Caller caller, KnowledgeBase kb) {
        if (kb.ownedByTenant()) {
            caller.requireTenantAdmin("changing a tenant knowledge base");
        }
        return kb;
    }

    /** Whether the caller may read the documents' bytes and extracted text, not only search passages. */
    public boolean contentReadable(Caller caller, KnowledgeBase kb) {
        return !kb.ownedByTenant() || caller.isTenantAdmin();
    }

    /** For ingestion, which acts for the uploader's tenant recorded on the command. */
    public Optional<KnowledgeBase> find(UUID id) {
        return repository.findById(id);
    }

    KnowledgeBase create(Caller caller, boolean forTenant, String name, String description, String embeddingModel,
                         int chunkSize, int chunkOverlap) {
        if (forTenant) {
            caller.requireTenantAdmin("creating a tenant knowledge base");
        }
        Instant now = Instant.now();
        return repository.save(new KnowledgeBase(UUID.randomUUID(), caller.tenantId(),
                forTenant ? KnowledgeBase.TENANT : KnowledgeBase.USER, forTenant ? null : caller.userId(), name, description,
                embeddingModel, chunkSize, chunkOverlap, now, now));
    }

    List<KnowledgeBase> page(Caller caller, PageCursor after, int limit) {
        return repository.pageOf(caller.tenantId(), caller.userId(), after.time(), after.id(), limit);
    }

    KnowledgeBase update(KnowledgeBase kb) {
        return repository.update(kb);
    }

    /** A linked session's private knowledge bases become the person's; the tenant's have no owner to move. */
    @Transactional
    public int moveOwner(String tenantId, String fromUserId, String toUserId) {
        return repository.moveOwner(tenantId, fromUserId, toUserId);
    }

    /** The private knowledge bases of these users, with everything in them (an erasure of their owner). */
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
