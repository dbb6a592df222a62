package dev.agenticchat.retrieval.knowledge;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

@MappedEntity("knowledge_bases")
record KnowledgeBase(@Id UUID id, String tenantId, String ownerId, String name, @Nullable String description,
                     String embeddingModel, Instant createdAt) {
}
