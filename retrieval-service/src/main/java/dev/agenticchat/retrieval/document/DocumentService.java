package dev.agenticchat.retrieval.document;

import dev.agenticchat.contracts.events.IngestDocument;
import dev.agenticchat.retrieval.ingestion.IngestionSettings;
import dev.agenticchat.retrieval.knowledgebase.KnowledgeBase;
import dev.agenticchat.retrieval.vectorstore.VectorStore;
import dev.agenticchat.support.events.EventContext;
import dev.agenticchat.support.outbox.Outbox;
import dev.agenticchat.support.paging.PageCursor;
import dev.agenticchat.support.security.Caller;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Stores uploads with their ingestion command, lists and deletes documents of the caller's tenant. */
@Singleton
class DocumentService {
    private final DocumentRepository documents;
    private final DocumentContentRepository contents;
    private final ChunkRepository chunks;
    private final VectorStore vectors;
    private final Outbox outbox;
    private final String ingestionTopic;

    DocumentService(DocumentRepository documents, DocumentContentRepository contents, ChunkRepository chunks, VectorStore vectors,
              Outbox outbox, IngestionSettings settings) {
        this.documents = documents;
        this.contents = contents;
        this.chunks = chunks;
        this.vectors = vectors;
        this.outbox = outbox;
        this.ingestionTopic = settings.topic();
    }

    Optional<Document> sameContent(KnowledgeBase kb, String contentHash) {
        return documents.findByKnowledgeBaseIdAndContentHash(kb.id(), contentHash);
    }

    /**
     * The document, its bytes and its {@link IngestDocument} command in one transaction: an
     * acknowledged upload is surely ingested. The command is keyed by tenant (the subject).
     */
    @Transactional
    Document store(Caller caller, KnowledgeBase kb, String filename, DocumentType type, byte[] bytes, String contentHash) {
        Instant now = Instant.now();
        Document doc = documents.save(new Document(UUID.randomUUID(), kb.id(), kb.tenantId(), caller.userId(), filename,
                type.mediaType(), bytes.length, contentHash, Document.PENDING, null, 0, 0, 0, now, now));
        contents.save(new DocumentContent(doc.id(), bytes, null));
        outbox.append(ingestionTopic, new IngestDocument(doc.id().toString(), kb.id().toString()),
                new EventContext(caller.tenantId(), caller.userId(), null, caller.tenantId()));
        return doc;
    }

    /**
     * The same content uploaded again after its ingestion failed: ingest it once more, for the
     * new uploader, rather than answer with the failure forever. Empty if it no longer failed.
     */
    @Transactional
    Optional<Document> retry(Caller caller, Document failed) {
        if (documents.markRetried(failed.id(), caller.userId()) == 0) {
            return Optional.empty();
        }
        outbox.append(ingestionTopic, new IngestDocument(failed.id().toString(), failed.knowledgeBaseId().toString()),
                new EventContext(caller.tenantId(), caller.userId(), null, caller.tenantId()));
        return documents.findById(failed.id());
    }

    List<Document> page(KnowledgeBase kb, PageCursor after, int limit) {
        return documents.pageOf(kb.id(), after.time(), after.id(), limit);
    }

    /** A document of the caller's tenant; whether they may see it is their knowledge base's rule. */
    Optional<Document> find(Caller caller, UUID id) {
        return documents.findByIdAndTenantId(id, caller.tenantId());
    }

    Optional<String> extractedText(Document doc) {
        return contents.findExtractedText(doc.id());
    }

    /** Vectors first (a failing store deletes nothing); the rows cascade to bytes and chunks. */
    @Transactional
    void delete(Document doc) {
        vectors.deleteDocument(doc.tenantId(), doc.knowledgeBaseId(), chunks.findIdsByDocumentId(doc.id()));
        documents.delete(doc);
    }
}
