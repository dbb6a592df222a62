package dev.agenticchat.retrieval.knowledgebase;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * A collection of documents searched together with one embedding model. It belongs to one user
 * ({@code owner_kind} {@value #USER}, {@code ownerId} set) or to the whole tenant
 * ({@value #TENANT}, no owner id).
 */
@MappedEntity("knowledge_bases")
public record KnowledgeBase(@Id UUID id, String tenantId, String ownerKind, @Nullable String ownerId, String name,
                            @Nullable String description, String embeddingModel, int chunkSize, int chunkOverlap,
                            Instant createdAt, Instant updatedAt) {
    public static final String USER = "user";
    public static final String TENANT = "tenant";

    public boolean ownedByTenant() {
        return TENANT.equals(ownerKind);
    }

    KnowledgeBase renamed(String newName, @Nullable String newDescription) {
        return new KnowledgeBase(id, tenantId, ownerKind, ownerId, newName, newDescription, embeddingModel, chunkSize,
                chunkOverlap, createdAt, Instant.now());
    }
}
