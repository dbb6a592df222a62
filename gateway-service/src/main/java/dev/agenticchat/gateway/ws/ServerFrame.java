package dev.agenticchat.gateway.ws;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.agenticchat.contracts.events.ArtifactSnapshot;
import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.contracts.events.TurnCompleted;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.UUID;

/**
 * Frames the server sends (docs/client-protocol.md, "Server → client"). Every frame names its
 * {@code type}, the {@code thread_id} it concerns (null when none) and an {@code event_id}: the
 * CloudEvent id for frames made from an event, so a client can drop a frame it already has, else a
 * UUID.
 */
public sealed interface ServerFrame {
    String type();

    @Nullable
    String threadId();

    String eventId();

    /**
     * The frame's place in its thread's stream (docs/client-protocol.md, "Resuming"): set on the
     * frames of a turn, increasing along the thread, the same on every gateway instance; null on
     * frames that are not replayed.
     */
    @Nullable
    default Long seq() {
        return null;
    }

    /** The {@code event_id} of a frame not made from an event. */
    static String newEventId() {
        return UUID.randomUUID().toString();
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record AuthOk(String type, @Nullable String threadId, String eventId, String userId, String tenantId) implements ServerFrame {
        AuthOk(String eventId, String userId, String tenantId) {
            this("auth_ok", null, eventId, userId, tenantId);
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Pong(String type, @Nullable String threadId, String eventId) implements ServerFrame {
        Pong(String eventId) {
            this("pong", null, eventId);
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Subscribed(String type, String threadId, String eventId) implements ServerFrame {
        Subscribed(String threadId, String eventId) {
            this("subscribed", threadId, eventId);
        }
    }

    /** {@code field} names the frame field at fault, {@code client_message_id} the message a user_message error is about. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Error(String type, @Nullable String threadId, String eventId, String code, String message,
                 @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String field,
                 @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String clientMessageId,
                 @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long retryAfterMs) implements ServerFrame {
        /* The codes a client can get. */
        static final String BAD_JSON = "bad_json";
        static final String INVALID_FRAME = "invalid_frame";
        static final String UNKNOWN_TYPE = "unknown_type";
        static final String FRAME_TOO_LARGE = "frame_too_large";
        static final String UNAUTHENTICATED = "unauthenticated";
        static final String THREAD_NOT_FOUND = "thread_not_found";
        static final String INVALID_MESSAGE = "invalid_message";
        static final String UNAVAILABLE = "unavailable";
        static final String TOO_MANY_SUBSCRIPTIONS = "too_many_subscriptions";
        static final String RATE_LIMITED = "rate_limited";
        static final String ORIGIN_NOT_ALLOWED = "origin_not_allowed";

        Error(@Nullable String threadId, String eventId, String code, String message, @Nullable String field,
              @Nullable String clientMessageId) {
            this("error", threadId, eventId, code, message, field, clientMessageId, null);
        }

        /** {@code rate_limited}: a limit refused the frame; the client may try again after {@code retry_after_ms}. */
        static Error rateLimited(@Nullable String threadId, String message, long retryAfterMs, @Nullable String clientMessageId) {
            return new Error("error", threadId, newEventId(), RATE_LIMITED, message, null,
                    clientMessageId, retryAfterMs);
        }
    }

    /**
     * The ack of a client's user_message, and the same message shown to the user's other sessions;
     * {@code attachments} the files it carries (always present, empty when none).
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record UserMessage(String type, String threadId, String eventId, String messageId, @Nullable String clientMessageId,
                       String content, @Nullable String createdAt, boolean duplicate,
                       List<MessagePosted.Attachment> attachments) implements ServerFrame {
        public UserMessage(String threadId, String eventId, String messageId, @Nullable String clientMessageId,
                           String content, @Nullable String createdAt, boolean duplicate,
                           @Nullable List<MessagePosted.Attachment> attachments) {
            this("user_message", threadId, eventId, messageId, clientMessageId, content, createdAt, duplicate,
                    attachments == null ? List.of() : List.copyOf(attachments));
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record TurnStarted(String type, String threadId, String eventId, @Nullable Long seq, String turnId, String messageId) implements ServerFrame {
        public TurnStarted(String threadId, String eventId, @Nullable Long seq, String turnId, String messageId) {
            this("turn_started", threadId, eventId, seq, turnId, messageId);
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record TextDelta(String type, String threadId, String eventId, @Nullable Long seq, String turnId, String delta) implements ServerFrame {
        public TextDelta(String threadId, String eventId, @Nullable Long seq, String turnId, String delta) {
            this("text_delta", threadId, eventId, seq, turnId, delta);
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Reasoning(String type, String threadId, String eventId, @Nullable Long seq, String turnId, String content) implements ServerFrame {
        public Reasoning(String threadId, String eventId, @Nullable Long seq, String turnId, String content) {
            this("reasoning", threadId, eventId, seq, turnId, content);
        }
    }

    /** {@code input} (the model's raw JSON arguments) when started, {@code output} when completed or failed. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ToolExecution(String type, String threadId, String eventId, @Nullable Long seq, String turnId, String toolCallId, String toolName,
                         String status,
                         @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String input,
                         @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String output) implements ServerFrame {
        public ToolExecution(String threadId, String eventId, @Nullable Long seq, String turnId, String toolCallId, String toolName,
                             String status, @Nullable String input, @Nullable String output) {
            this("tool_execution", threadId, eventId, seq, turnId, toolCallId, toolName, status, input, output);
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ArtifactCreated(String type, @Nullable String threadId, String eventId, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long seq, ArtifactSnapshot artifact) implements ServerFrame {
        public ArtifactCreated(@Nullable String threadId, String eventId, @Nullable Long seq, ArtifactSnapshot artifact) {
            this("artifact_created", threadId, eventId, seq, artifact);
        }
    }

    /** A new version of an artifact: {@code artifact} is that version. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ArtifactUpdated(String type, @Nullable String threadId, String eventId, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long seq, ArtifactSnapshot artifact,
                           int previousVersion) implements ServerFrame {
        public ArtifactUpdated(@Nullable String threadId, String eventId, @Nullable Long seq, ArtifactSnapshot artifact, int previousVersion) {
            this("artifact_updated", threadId, eventId, seq, artifact, previousVersion);
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ArtifactDeleted(String type, @Nullable String threadId, String eventId, String artifactId) implements ServerFrame {
        public ArtifactDeleted(@Nullable String threadId, String eventId, String artifactId) {
            this("artifact_deleted", threadId, eventId, artifactId);
        }
    }

    /** A share link was made (the token is never in a frame: only its creator's HTTP answer has it). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ArtifactShared(String type, @Nullable String threadId, String eventId, String artifactId, String shareId,
                          @Nullable String expiresAt) implements ServerFrame {
        public ArtifactShared(@Nullable String threadId, String eventId, String artifactId, String shareId, @Nullable String expiresAt) {
            this("artifact_shared", threadId, eventId, artifactId, shareId, expiresAt);
        }
    }

    /**
     * Ingestion of an uploaded document: {@code status} started, progress, indexed or failed;
     * counts while embedding, {@code chunks_total} = chunks once indexed, {@code reason} on failure.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DocumentProgress(String type, @Nullable String threadId, String eventId, String documentId, String knowledgeBaseId,
                            String status, @Nullable String filename, @Nullable Integer chunksEmbedded,
                            @Nullable Integer chunksTotal, @Nullable String reason) implements ServerFrame {
        public DocumentProgress(String eventId, String documentId, String knowledgeBaseId, String status, @Nullable String filename,
                                @Nullable Integer chunksEmbedded, @Nullable Integer chunksTotal, @Nullable String reason) {
            this("document_progress", null, eventId, documentId, knowledgeBaseId, status, filename, chunksEmbedded, chunksTotal, reason);
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record AssistantMessage(String type, String threadId, String eventId, @Nullable Long seq, String turnId, String messageId, String content,
                            List<String> artifactIds, List<TurnCompleted.Citation> citations) implements ServerFrame {
        public AssistantMessage(String threadId, String eventId, @Nullable Long seq, String turnId, String messageId, String content,
                                List<String> artifactIds, List<TurnCompleted.Citation> citations) {
            this("assistant_message", threadId, eventId, seq, turnId, messageId, content, artifactIds, citations);
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record TurnDone(String type, String threadId, String eventId, @Nullable Long seq, String turnId, TurnCompleted.Usage usage,
                    TurnCompleted.Cost cost) implements ServerFrame {
        public TurnDone(String threadId, String eventId, @Nullable Long seq, String turnId, TurnCompleted.Usage usage, TurnCompleted.Cost cost) {
            this("turn_completed", threadId, eventId, seq, turnId, usage, cost);
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record TurnFailed(String type, String threadId, String eventId, @Nullable Long seq, String turnId, String code, String message) implements ServerFrame {
        public TurnFailed(String threadId, String eventId, @Nullable Long seq, String turnId, String code, String message) {
            this("turn_failed", threadId, eventId, seq, turnId, code, message);
        }
    }

    /**
     * The events after the client's {@code after_seq} are no longer all in the log: reload the
     * thread's stored messages; the stream goes on live (with a running turn from its start).
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record HistoryRequired(String type, String threadId, String eventId) implements ServerFrame {
        public HistoryRequired(String threadId, String eventId) {
            this("history_required", threadId, eventId);
        }
    }
}
