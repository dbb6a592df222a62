package dev.agenticchat.chat.thread;

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
 */
@MappedEntity("threads")
record ChatThread(@Id UUID id, String tenantId, String userId, String title, Instant createdAt, Instant updatedAt,
                  @TypeDef(type = DataType.STRING_ARRAY) String[] knowledgeBaseIds) {

    ChatThread withTitle(String newTitle, Instant now) {
        return new ChatThread(id, tenantId, userId, newTitle, createdAt, now, knowledgeBaseIds);
    }

    ChatThread withKnowledgeBases(List<String> ids, Instant now) {
        return new ChatThread(id, tenantId, userId, title, createdAt, now, ids.toArray(String[]::new));
    }

    List<String> knowledgeBases() {
        return knowledgeBaseIds == null ? List.of() : List.of(knowledgeBaseIds);
    }
}
