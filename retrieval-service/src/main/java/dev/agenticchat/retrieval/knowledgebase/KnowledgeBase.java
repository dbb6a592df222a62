package dev.agenticchat.retrieval.knowledgebase;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A tenant's collection of documents, searched together with one embedding model. */
@MappedEntity("knowledge_bases")
public record KnowledgeBase(@Id UUID id, String tenantId, String ownerId, String name, @Nullable String description,
                            String embeddingModel, int chunkSize, int chunkOverlap, Instant createdAt, Instant updatedAt) {

    KnowledgeBase renamed(String newName, @Nullable String newDescription) {
        return new KnowledgeBase(id, tenantId, ownerId, newName, newDescription, embeddingModel, chunkSize, chunkOverlap,
                createdAt, Instant.now());
    }
}
