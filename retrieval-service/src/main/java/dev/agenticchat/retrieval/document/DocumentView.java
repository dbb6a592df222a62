package dev.agenticchat.retrieval.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/** A document as clients see it; {@code progress} is the share of chunks embedded, 0 to 1. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record DocumentView(UUID id, UUID knowledgeBaseId, String filename, String contentType, long sizeBytes, String status,
                    String contentHash, @Nullable String failureReason, int chunkCount, double progress,
                    Instant createdAt, Instant updatedAt, boolean duplicate) {
    static DocumentView of(Document doc, boolean duplicate) {
        double progress = Document.INDEXED.equals(doc.status()) ? 1.0
                : doc.chunkCount() == 0 ? 0.0 : (double) doc.chunksEmbedded() / doc.chunkCount();
        return new DocumentView(doc.id(), doc.knowledgeBaseId(), doc.filename(), doc.contentType(), doc.sizeBytes(),
                doc.status(), doc.contentHash(), doc.failureReason(), doc.chunkCount(), progress, doc.createdAt(),
                doc.updatedAt(), duplicate);
    }

    static DocumentView of(Document doc) {
        return of(doc, false);
    }
}
