package dev.agenticchat.gateway.ws;

import dev.agenticchat.gateway.tracing.SocketTracing;
import dev.agenticchat.support.web.Problem;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code user_message}: posted to chat-service with the user's token, then acknowledged with
 * the stored message, the socket subscribed to its (possibly new) thread; chat-service's
 * refusals become error frames about that message.
 */
@Singleton
class UserMessageHandler implements ClientFrameHandler<ClientFrame.UserMessage> {
    private static final Logger LOG = LoggerFactory.getLogger(UserMessageHandler.class);

    private final ChatServiceClient chat;
    private final SessionRegistry registry;
    private final WebSocketSettings settings;
    private final SocketTracing tracing;

    UserMessageHandler(ChatServiceClient chat, SessionRegistry registry, WebSocketSettings settings, SocketTracing tracing) {
        this.tracing = tracing;
        this.chat = chat;
        this.registry = registry;
        this.settings = settings;
    }

    @Override
    public Class<ClientFrame.UserMessage> frameType() {
        return ClientFrame.UserMessage.class;
    }

    @Override
    public CompletableFuture<Void> handle(ClientSession session, ClientFrame.UserMessage frame) {
        String threadId = frame.threadId();
        String content = frame.content();
        String clientMessageId = frame.clientMessageId();
        ClientSession.Identity identity = ClientReplies.usableIdentity(session, threadId, clientMessageId);
        if (identity == null) {
            return ClientReplies.DONE;
        }
        // Before posting: the MessagePosted event may reach this instance before chat-service's answer.
        session.rememberSent(clientMessageId);
        return tracing.userMessage(identity.userId(), threadId, () -> chat.post(identity.token(), new ChatServiceClient.PostMessage(
                threadId, content, clientMessageId, frame.agent(), frame.attachmentIds()))).thenAccept(reply -> {
            if (reply instanceof ChatServiceClient.Reply.Ok<ChatServiceClient.PostedMessage> ok) {
                acknowledge(session, threadId, content, clientMessageId, ok);
            } else if (reply instanceof ChatServiceClient.Reply.Refused<ChatServiceClient.PostedMessage> refused) {
                if (refused.status() == 429) {
                    String message = refused.problem() == null || refused.problem().detail() == null
                            ? "too many messages; try again later" : refused.problem().detail();
                    long retryAfterMs = 1000 * (refused.retryAfterSeconds() == null ? 1 : refused.retryAfterSeconds());
                    session.send(ServerFrame.Error.rateLimited(threadId, message, retryAfterMs, clientMessageId));
                } else if (refused.status() == 401 || refused.status() == 404) {
                    ClientReplies.refusedThread(session, threadId, refused.status(), clientMessageId);
                } else {
                    Problem problem = refused.problem();
                    String field = problem == null || problem.errors() == null || problem.errors().isEmpty()
                            ? null : problem.errors().get(0).field();
                    String message = problem == null || problem.detail() == null ? "chat-service refused the message" : problem.detail();
                    ClientReplies.error(session, threadId, ServerFrame.Error.INVALID_MESSAGE, message, field, clientMessageId);
                }
            } else {
                ClientReplies.unavailable(session, threadId, clientMessageId);
            }
        });
    }

    private void acknowledge(ClientSession session, @Nullable String requestedThreadId, String content, String clientMessageId,
                             ChatServiceClient.Reply.Ok<ChatServiceClient.PostedMessage> ok) {
        ChatServiceClient.StoredMessage stored = ok.body() == null ? null : ok.body().message();
        String threadId = stored == null || stored.threadId() == null ? requestedThreadId : stored.threadId();
        String messageId = stored == null ? null : stored.id();
        if (threadId == null || messageId == null) {
            LOG.warn("chat-service stored a message but its answer names no {}", threadId == null ? "thread_id" : "message id");
            ClientReplies.unavailable(session, requestedThreadId, clientMessageId);
            return;
        }
        boolean duplicate = ok.body().duplicate() != null ? ok.body().duplicate() : ok.status() == 200;
        ServerFrame ack = new ServerFrame.UserMessage(threadId, ServerFrame.newEventId(), messageId, clientMessageId,
                stored.content() != null ? stored.content() : content, stored.createdAt(), duplicate, stored.attachments());
        // The ack comes before any event of the (possibly new) thread: the client learns the thread id first,
        // then gets the turn answering its message from its start, however late this ack is.
        session.exclusively(() -> {
            registry.subscribeForMessage(session, threadId, messageId, settings.maxSubscriptions());
            session.send(ack);
        });
    }
}
