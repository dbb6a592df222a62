package dev.agenticchat.contracts.events;

import io.micronaut.core.annotation.Nullable;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.micronaut.core.annotation.Creator;
import java.time.Instant;
import java.util.List;

/**
 * A user's message was stored; an agent worker answers it. {@code knowledgeBaseIds} are the
 * thread's knowledge bases at the time of posting (absent when it has none), so the turn can
 * offer {@code search_knowledge} without asking chat-service. {@code agent} is the slug of the
 * agent the thread was created with (absent: the tenant's default agent).
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessagePosted(
        String messageId,
        String threadId,
        String tenantId,
        String userId,
        String content,
        @Nullable String clientMessageId,
        Instant createdAt,
        @Nullable List<String> knowledgeBaseIds,
        @Nullable String agent) implements ChatEvent {

    public static final String TYPE = "dev.agenticchat.chat.message.posted";

    @Creator
    public MessagePosted {
        knowledgeBaseIds = knowledgeBaseIds == null || knowledgeBaseIds.isEmpty() ? null : List.copyOf(knowledgeBaseIds);
    }

    /** A message on a thread without knowledge bases, answered by the tenant's default agent. */
    public MessagePosted(String messageId, String threadId, String tenantId, String userId, String content,
            @Nullable String clientMessageId, Instant createdAt) {
        this(messageId, threadId, tenantId, userId, content, clientMessageId, createdAt, null, null);
    }

    /** A message answered by the tenant's default agent. */
    public MessagePosted(String messageId, String threadId, String tenantId, String userId, String content,
            @Nullable String clientMessageId, Instant createdAt, @Nullable List<String> knowledgeBaseIds) {
        this(messageId, threadId, tenantId, userId, content, clientMessageId, createdAt, knowledgeBaseIds, null);
    }

    /** The thread's knowledge bases, empty when it has none. */
    public List<String> knowledgeBases() {
        return knowledgeBaseIds == null ? List.of() : knowledgeBaseIds;
    }

    @Override
    public String eventType() {
        return TYPE;
    }
}
