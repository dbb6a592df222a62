package dev.agenticchat.agent.turn;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * The answer to one user message: its state, its final text and what it cost; {@code attachedContext}
 * what its message's attachments added to the user's words in the prompt (null: none).
 */
@MappedEntity("turns")
record Turn(@Id UUID id, String messageId, String threadId, String tenantId, String userId, String userContent,
            String status, UUID assistantMessageId, @Nullable String assistantContent, @Nullable String errorCode,
            @Nullable String errorMessage, long inputTokens, long outputTokens, Instant startedAt,
            @Nullable Instant completedAt, @Nullable String owner, @Nullable Instant leaseUntil,
            @Nullable UUID endEventId, @Nullable String endEventData, @Nullable Instant endEventPublishedAt,
            @Nullable String attachedContext) {
    static final String RUNNING = "running";
    static final String COMPLETED = "completed";
    static final String FAILED = "failed";

    /** The user's message as the model saw it: the words, then what the attachments added. */
    String promptContent() {
        return attachedContext == null ? userContent : userContent + attachedContext;
    }

    boolean isRunning() {
        return RUNNING.equals(status);
    }

    /** Ended, but its worker stopped before Kafka acknowledged the end's event. */
    boolean hasUnpublishedEnd() {
        return endEventId != null && endEventData != null && endEventPublishedAt == null;
    }
}
