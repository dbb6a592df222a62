package dev.agenticchat.gateway.ws;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * The frames a client sends, one record per {@code type}, each read from its JSON fields and
 * checked by its {@code from}: a record that exists is a frame its handler can act on, and
 * a frame that is not one is a {@link FrameError} for the client.
 */
sealed interface ClientFrame {
    /** Authenticates the socket, or renews its token (same user only). */
    record Auth(String token) implements ClientFrame {
        static final String TYPE = "auth";
        private static final int MAX_TOKEN_LENGTH = 8192;

        static Auth from(FrameFields fields) {
            return new Auth(fields.requiredText("token", MAX_TOKEN_LENGTH));
        }
    }

    record Ping() implements ClientFrame {
        static final String TYPE = "ping";

        static Ping from(FrameFields fields) {
            return new Ping();
        }
    }

    /** {@code after_seq}: the last {@code seq} the client has of the thread; what came after it is replayed first. */
    record Subscribe(String threadId, @Nullable Long afterSeq) implements ClientFrame {
        static final String TYPE = "subscribe";

        static Subscribe from(FrameFields fields) {
            return new Subscribe(fields.requiredId("thread_id"), fields.optionalCount("after_seq"));
        }
    }

    record Unsubscribe(String threadId) implements ClientFrame {
        static final String TYPE = "unsubscribe";

        static Unsubscribe from(FrameFields fields) {
            return new Unsubscribe(fields.requiredId("thread_id"));
        }
    }

    /**
     * A message for a thread, or for a new thread when {@code threadId} is null, answered by the
     * tenant's agent {@code agent} (a slug; null: the default agent; only for a new thread), with
     * the user's uploads {@code attachmentIds} (at most ten; chat-service checks they are theirs).
     */
    record UserMessage(@Nullable String threadId, String content, String clientMessageId, @Nullable String agent,
                       List<String> attachmentIds) implements ClientFrame {
        static final String TYPE = "user_message";
        static final int MAX_ATTACHMENTS = 10;
        private static final int MAX_CLIENT_MESSAGE_ID_LENGTH = 200;

        static UserMessage from(FrameFields fields, int maxContentLength) {
            String threadId = fields.optionalId("thread_id");
            String content = fields.requiredText("content", maxContentLength);
            String clientMessageId = fields.requiredText("client_message_id", MAX_CLIENT_MESSAGE_ID_LENGTH);
            if (clientMessageId.isBlank()) {
                throw FrameError.invalid("client_message_id", "client_message_id must not be blank");
            }
            return new UserMessage(threadId, content, clientMessageId, fields.optionalId("agent"),
                    fields.optionalIds("attachment_ids", MAX_ATTACHMENTS));
        }
    }

    /** Stops the thread's running turn ({@code turnId}), or whichever is running when null. */
    record CancelTurn(String threadId, @Nullable String turnId) implements ClientFrame {
        static final String TYPE = "cancel_turn";

        static CancelTurn from(FrameFields fields) {
            return new CancelTurn(fields.requiredId("thread_id"), fields.optionalId("turn_id"));
        }
    }
}
