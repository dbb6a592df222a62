package dev.agenticchat.retrieval.document;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** An uploaded file and where its ingestion stands: pending → processing → indexed | failed. */
@MappedEntity("documents")
public record Document(@Id UUID id, UUID knowledgeBaseId, String tenantId, @Nullable String uploadedBy, String filename,
                       String contentType, long sizeBytes, String contentHash, String status,
                       @Nullable String failureReason, int chunkCount, int chunksEmbedded, int attempts,
                       Instant createdAt, Instant updatedAt) {
    public static final String PENDING = "pending";
    public static final String PROCESSING = "processing";
    public static final String INDEXED = "indexed";
    public static final String FAILED = "failed";

    public boolean finished() {
        return INDEXED.equals(status) || FAILED.equals(status);
    }
}
