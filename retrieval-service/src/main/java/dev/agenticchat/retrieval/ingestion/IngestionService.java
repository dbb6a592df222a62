package dev.agenticchat.retrieval.ingestion;

import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.DocumentIndexed;
import dev.agenticchat.contracts.events.DocumentIngestionFailed;
import dev.agenticchat.retrieval.document.Chunk;
import dev.agenticchat.retrieval.document.ChunkRepository;
import dev.agenticchat.retrieval.document.Document;
import dev.agenticchat.retrieval.document.DocumentContentRepository;
import dev.agenticchat.retrieval.document.DocumentRepository;
import dev.agenticchat.retrieval.metrics.IngestionMetrics;
import dev.agenticchat.support.events.EventContext;
import dev.agenticchat.support.outbox.Outbox;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The state changes of an ingestion, each its own transaction; the final one writes its durable event with it. */
@Singleton
class IngestionService {
    private final DocumentRepository documents;
    private final DocumentContentRepository contents;
    private final ChunkRepository chunks;
    private final Outbox outbox;
    private final IngestionMetrics metrics;

    IngestionService(DocumentRepository documents, DocumentContentRepository contents, ChunkRepository chunks, Outbox outbox,
                     IngestionMetrics metrics) {
        this.metrics = metrics;
        this.documents = documents;
        this.contents = contents;
        this.chunks = chunks;
        this.outbox = outbox;
    }

    /** False when the document is gone or already finished (a redelivered command). */
    @Transactional
    boolean start(UUID documentId) {
        return documents.markProcessing(documentId) == 1;
    }

    byte[] bytes(UUID documentId) {
        return contents.findById(documentId).orElseThrow(() -> new IllegalStateException("no bytes for " + documentId)).bytes();
    }

    /** Replaces whatever an interrupted earlier attempt left: the text and its chunks, not yet embedded. */
    @Transactional
    List<Chunk> saveChunks(Document doc, String text, List<TextChunk> pieces) {
        contents.saveExtractedText(doc.id(), text);
        chunks.deleteByDocument(doc.id());
        List<Chunk> rows = new ArrayList<>(pieces.size());
        for (int i = 0; i < pieces.size(); i++) {
            TextChunk piece = pieces.get(i);
            rows.add(new Chunk(UUID.randomUUID(), doc.id(), doc.knowledgeBaseId(), doc.tenantId(), i, piece.text(),
                    piece.page(), piece.start(), piece.end()));
        }
        chunks.saveAll(rows);
        documents.updateProgress(doc.id(), rows.size(), 0);
        return rows;
    }

    void progress(UUID documentId, int total, int embedded) {
        documents.updateProgress(documentId, total, embedded);
    }

    @Transactional
    void indexed(Document doc, int chunkCount, EventContext context) {
        if (documents.markIndexed(doc.id(), chunkCount) == 1) {
            outbox.append(Topics.RETRIEVAL_EVENTS, new DocumentIndexed(doc.id().toString(), doc.knowledgeBaseId().toString(),
                    chunkCount), context);
            metrics.indexed(chunkCount);
        }
    }

    /** Records the reason and drops partial chunks, so a failed document is never half searchable. */
    @Transactional
    void failed(Document doc, String reason, EventContext context) {
        if (documents.markFailed(doc.id(), reason) == 1) {
            chunks.deleteByDocument(doc.id());
            outbox.append(Topics.RETRIEVAL_EVENTS, new DocumentIngestionFailed(doc.id().toString(),
                    doc.knowledgeBaseId().toString(), reason), context);
            metrics.failed();
        }
    }

    List<UUID> chunkIds(UUID documentId) {
        return chunks.findIdsByDocumentId(documentId);
    }
}
