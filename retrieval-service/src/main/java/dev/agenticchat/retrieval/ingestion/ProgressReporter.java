package dev.agenticchat.retrieval.ingestion;

import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.DocumentIngestionProgress;
import dev.agenticchat.retrieval.document.Document;
import dev.agenticchat.support.events.EventContext;
import dev.agenticchat.support.kafka.EventPublisher;
import java.time.Duration;

/**
 * Progress of one document's embedding, at most every {@link #INTERVAL} (plus the last batch):
 * recorded on the document for {@code GET /api/documents/{id}} and published ephemerally for
 * the uploader's live view. A lost progress event is healed by DocumentIndexed.
 */
final class ProgressReporter {
    static final Duration INTERVAL = Duration.ofMillis(300);

    private final IngestionService ingestionService;
    private final EventPublisher publisher;
    private final Document doc;
    private final EventContext context;
    private final int total;
    private long lastReportNanos = System.nanoTime();

    ProgressReporter(IngestionService ingestionService, EventPublisher publisher, Document doc, EventContext context, int total) {
        this.ingestionService = ingestionService;
        this.publisher = publisher;
        this.doc = doc;
        this.context = context;
        this.total = total;
    }

    void embedded(int count) {
        long now = System.nanoTime();
        if (count < total && now - lastReportNanos < INTERVAL.toNanos()) {
            return;
        }
        lastReportNanos = now;
        ingestionService.progress(doc.id(), total, count);
        publisher.publish(Topics.RETRIEVAL_EVENTS, new DocumentIngestionProgress(doc.id().toString(),
                doc.knowledgeBaseId().toString(), count, total), context);
    }
}
