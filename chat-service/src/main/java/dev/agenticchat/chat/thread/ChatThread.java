package dev.agenticchat.chat.thread;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A conversation (named ChatThread so it does not shadow {@code java.lang.Thread}).
 * {@code knowledgeBaseIds} are retrieval-service ids, checked to be the tenant's when set.
 * {@code agent} is the agent-service slug it was created with, checked then and kept for
 * good (null: the tenant's default agent).
 */
@MappedEntity("threads")
record ChatThread(@Id UUID id, String tenantId, String userId, String title, Instant createdAt, Instant updatedAt,
                  @TypeDef(type = DataType.STRING_ARRAY) String[] knowledgeBaseIds, @Nullable String agent) {

    ChatThread withTitle(String newTitle, Instant now) {
        return new ChatThread(id, tenantId, userId, newTitle, createdAt, now, knowledgeBaseIds, agent);
    }

    ChatThread withKnowledgeBases(List<String> ids, Instant now) {
        return new ChatThread(id, tenantId, userId, title, createdAt, now, ids.toArray(String[]::new), agent);
    }

    List<String> knowledgeBases() {
        return knowledgeBaseIds == null ? List.of() : List.of(knowledgeBaseIds);
    }
}
