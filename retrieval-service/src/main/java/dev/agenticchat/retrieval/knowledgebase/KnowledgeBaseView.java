package dev.agenticchat.retrieval.knowledgebase;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

@Serdeable
record KnowledgeBaseView(UUID id, String owner, String name, @Nullable String description, String embeddingModel, int chunkSize,
                         int chunkOverlap, Instant createdAt, Instant updatedAt) {
    static KnowledgeBaseView of(KnowledgeBase kb) {
        return new KnowledgeBaseView(kb.id(), kb.ownerKind(), kb.name(), kb.description(), kb.embeddingModel(), kb.chunkSize(),
                kb.chunkOverlap(), kb.createdAt(), kb.updatedAt());
    }
}
