package dev.agenticchat.retrieval.knowledgebase;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Embedding model and chunking are fixed at creation: changing them would mean re-embedding every
 * document. {@code owner} is {@code user} (private, the default) or {@code tenant} (tenant admins only).
 */
@Serdeable
record CreateKnowledgeBaseRequest(@NotBlank @Size(max = 200) String name,
                                  @Nullable @Pattern(regexp = "user|tenant", message = "must be user or tenant") String owner,
                                  @Nullable @Size(max = 2000) String description,
                                  @Nullable @Size(max = 100) String embeddingModel,
                                  @Nullable @Min(100) @Max(4000) Integer chunkSize,
                                  @Nullable @Min(0) @Max(2000) Integer chunkOverlap) {
    static final int DEFAULT_CHUNK_SIZE = 500;
    static final int DEFAULT_CHUNK_OVERLAP = 50;

    boolean forTenant() {
        return KnowledgeBase.TENANT.equals(owner);
    }
}
