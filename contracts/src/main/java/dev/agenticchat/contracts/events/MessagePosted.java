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
 * agent the thread was created with (absent: the tenant's default agent). {@code attachments} are
 * the files the user attached to the message (absent when none): their bytes and extracted text
 * stay in chat-service, which serves them to the turn's worker on the user's behalf.
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
        @Nullable String agent,
        @Nullable List<Attachment> attachments) implements ChatEvent {

    public static final String TYPE = "dev.agenticchat.chat.message.posted";

    @Creator
    public MessagePosted {
        knowledgeBaseIds = knowledgeBaseIds == null || knowledgeBaseIds.isEmpty() ? null : List.copyOf(knowledgeBaseIds);
        attachments = attachments == null || attachments.isEmpty() ? null : List.copyOf(attachments);
    }

    /** A message without attachments. */
    public MessagePosted(String messageId, String threadId, String tenantId, String userId, String content,
            @Nullable String clientMessageId, Instant createdAt, @Nullable List<String> knowledgeBaseIds,
            @Nullable String agent) {
        this(messageId, threadId, tenantId, userId, content, clientMessageId, createdAt, knowledgeBaseIds, agent, null);
    }

    /** A message on a thread without knowledge bases, answered by the tenant's default agent. */
    public MessagePosted(String messageId, String threadId, String tenantId, String userId, String content,
            @Nullable String clientMessageId, Instant createdAt) {
        this(messageId, threadId, tenantId, userId, content, clientMessageId, createdAt, null, null, null);
    }

    /** A message answered by the tenant's default agent. */
    public MessagePosted(String messageId, String threadId, String tenantId, String userId, String content,
            @Nullable String clientMessageId, Instant createdAt, @Nullable List<String> knowledgeBaseIds) {
        this(messageId, threadId, tenantId, userId, content, clientMessageId, createdAt, knowledgeBaseIds, null, null);
    }

    /** The thread's knowledge bases, empty when it has none. */
    public List<String> knowledgeBases() {
        return knowledgeBaseIds == null ? List.of() : knowledgeBaseIds;
    }

    /** The message's attachments, empty when it has none. */
    public List<Attachment> attachedFiles() {
        return attachments == null ? List.of() : attachments;
    }

    /**
     * A file attached to the message: {@code kind} {@link #DOCUMENT} (its text was extracted at
     * upload) or {@link #IMAGE} (passed to models that read images).
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Attachment(String id, String name, String contentType, String kind, long sizeBytes) {
        public static final String DOCUMENT = "document";
        public static final String IMAGE = "image";

        public boolean isImage() {
            return IMAGE.equals(kind);
        }
    }

    @Override
    public String eventType() {
        return TYPE;
    }
}
