package dev.agenticchat.retrieval.ingestion;

import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.DocumentIngestionStarted;
import dev.agenticchat.retrieval.document.Chunk;
import dev.agenticchat.retrieval.document.Document;
import dev.agenticchat.retrieval.document.DocumentType;
import dev.agenticchat.retrieval.embedding.Embedder;
import dev.agenticchat.retrieval.embedding.Embedders;
import dev.agenticchat.retrieval.knowledgebase.KnowledgeBase;
import dev.agenticchat.retrieval.vectorstore.VectorStore;
import dev.agenticchat.retrieval.vectorstore.VectorStore.ChunkVector;
import dev.agenticchat.support.events.EventContext;
import dev.agenticchat.support.kafka.EventPublisher;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts, chunks and embeds one document. A document at fault fails at once; any other
 * error is thrown for the consumer to retry, until the document's {@code attempts} reach the
 * limit and it fails with its reason. Either way the pipeline moves on to the next document.
 */
@Singleton
class DocumentIngestion {
    private static final Logger LOG = LoggerFactory.getLogger(DocumentIngestion.class);

    private final IngestionService ingestionService;
    private final DocumentReader reader;
    private final Embedders embedders;
    private final VectorStore vectors;
    private final EventPublisher publisher;
    private final int maxAttempts;
    private final int batchSize;

    DocumentIngestion(IngestionService ingestionService, DocumentReader reader, Embedders embedders, VectorStore vectors,
                      EventPublisher publisher, IngestionSettings settings) {
        this.ingestionService = ingestionService;
        this.reader = reader;
        this.embedders = embedders;
        this.vectors = vectors;
        this.publisher = publisher;
        this.maxAttempts = settings.maxAttempts();
        this.batchSize = settings.batchSize();
    }

    int maxAttempts() {
        return maxAttempts;
    }

    void ingest(KnowledgeBase kb, Document doc) {
        if (!ingestionService.start(doc.id())) {
            return;
        }
        EventContext context = new EventContext(doc.tenantId(), doc.uploadedBy(), null, doc.id().toString());
        if (doc.attempts() >= maxAttempts) {
            // Every attempt began and none ended, not even in an error: the service died reading it (out of memory, killed).
            fail(doc, "Indexing stopped " + doc.attempts() + " times without finishing; the document is not tried again.", context);
            return;
        }
        if (embedders.find(kb.embeddingModel()).isEmpty()) {
            fail(doc, "The embedding model " + kb.embeddingModel() + " of this knowledge base is not available.", context);
            return;
        }
        publisher.publish(Topics.RETRIEVAL_EVENTS, new DocumentIngestionStarted(doc.id().toString(),
                doc.knowledgeBaseId().toString(), doc.filename()), context);
        try {
            DocumentReader.ChunkedText read = reader.read(DocumentType.ofStored(doc.contentType()),
                    ingestionService.bytes(doc.id()), kb.chunkSize(), kb.chunkOverlap());
            List<Chunk> chunks = ingestionService.saveChunks(doc, read.text().text(), read.chunks());
            embed(kb, doc, chunks, new ProgressReporter(ingestionService, publisher, doc, context, chunks.size()));
            publisher.flush();
            ingestionService.indexed(doc, chunks.size(), context);
            LOG.info("Indexed document {} ({} chunks)", doc.id(), chunks.size());
        } catch (UnreadableDocumentException e) {
            LOG.info("Document {} is unreadable: {}", doc.id(), e.getMessage());
            fail(doc, e.getMessage(), context);
        } catch (RuntimeException e) {
            int attempt = doc.attempts() + 1;
            if (attempt < maxAttempts) {
                throw e;
            }
            LOG.warn("Giving up on document {} after {} attempts", doc.id(), attempt, e);
            fail(doc, "Indexing failed " + attempt + " times (" + e.getClass().getSimpleName() + "); upload it again later.", context);
        }
    }

    private void embed(KnowledgeBase kb, Document doc, List<Chunk> chunks, ProgressReporter progress) {
        Embedder embedder = embedders.require(kb.embeddingModel());
        for (int from = 0; from < chunks.size(); from += batchSize) {
            List<Chunk> batch = chunks.subList(from, Math.min(chunks.size(), from + batchSize));
            List<float[]> embeddings = embedder.embedAll(batch.stream().map(Chunk::text).toList());
            List<ChunkVector> batchVectors = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                batchVectors.add(new ChunkVector(batch.get(i).id(), doc.id(), embeddings.get(i)));
            }
            vectors.upsert(doc.tenantId(), doc.knowledgeBaseId(), doc.id(), batchVectors);
            progress.embedded(from + batch.size());
        }
    }

    private void fail(Document doc, String reason, EventContext context) {
        try {
            vectors.deleteDocument(doc.tenantId(), doc.knowledgeBaseId(), ingestionService.chunkIds(doc.id()));
        } catch (RuntimeException e) {
            LOG.warn("Could not remove the vectors of failed document {}: {}", doc.id(), e.toString());
        }
        publisher.flush();
        ingestionService.failed(doc, reason, context);
    }
}
