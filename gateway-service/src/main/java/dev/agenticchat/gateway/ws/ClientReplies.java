package dev.agenticchat.gateway.ws;

import io.micronaut.core.annotation.Nullable;
import java.util.concurrent.CompletableFuture;

/** The answers every frame handler gives the same way: frames sent, errors, and the token check before calling chat-service. */
final class ClientReplies {
    static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private ClientReplies() {
    }

    static CompletableFuture<Void> send(ClientSession session, ServerFrame frame) {
        session.send(frame);
        return DONE;
    }

    static CompletableFuture<Void> error(ClientSession session, @Nullable String threadId, String code, String message,
                                         @Nullable String field, @Nullable String clientMessageId) {
        return send(session, new ServerFrame.Error(threadId, ServerFrame.newEventId(), code, message, field, clientMessageId));
    }

    /** The identity to call chat-service with, or null after telling the client to authenticate again. */
    @Nullable
    static ClientSession.Identity usableIdentity(ClientSession session, @Nullable String threadId, @Nullable String clientMessageId) {
        ClientSession.Identity identity = session.identity();
        if (identity.expired()) {
            error(session, threadId, ServerFrame.Error.UNAUTHENTICATED, "the token has expired; send an auth frame with a fresh one",
                    null, clientMessageId);
            return null;
        }
        return identity;
    }

    /** chat-service refused a thread: the token (401), or a thread the user may not see, told as one that does not exist. */
    static void refusedThread(ClientSession session, @Nullable String threadId, int status, @Nullable String clientMessageId) {
        if (status == 401) {
            error(session, threadId, ServerFrame.Error.UNAUTHENTICATED,
                    "chat-service refused the token; send an auth frame with a fresh one", null, clientMessageId);
        } else {
            error(session, threadId, ServerFrame.Error.THREAD_NOT_FOUND, "thread " + threadId + " does not exist", "thread_id",
                    clientMessageId);
        }
    }

    static void unavailable(ClientSession session, @Nullable String threadId, @Nullable String clientMessageId) {
        error(session, threadId, ServerFrame.Error.UNAVAILABLE, "the chat service is unavailable; try again shortly", null,
                clientMessageId);
    }
}
