package dev.agenticchat.gateway.ws;

import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;

/**
 * {@code subscribe}: the socket receives a thread's events once chat-service says the user
 * may see the thread, up to the limit of threads per connection: with {@code after_seq}, first what
 * it missed since (docs/client-protocol.md, "Resuming"); without, a running turn from its start.
 * {@code subscribed} comes before any of them.
 */
@Singleton
class SubscribeHandler implements ClientFrameHandler<ClientFrame.Subscribe> {
    private final ChatServiceClient chat;
    private final SessionRegistry registry;
    private final WebSocketSettings settings;

    SubscribeHandler(ChatServiceClient chat, SessionRegistry registry, WebSocketSettings settings) {
        this.chat = chat;
        this.registry = registry;
        this.settings = settings;
    }

    @Override
    public Class<ClientFrame.Subscribe> frameType() {
        return ClientFrame.Subscribe.class;
    }

    @Override
    public CompletableFuture<Void> handle(ClientSession session, ClientFrame.Subscribe frame) {
        String threadId = frame.threadId();
        ClientSession.Identity identity = ClientReplies.usableIdentity(session, threadId, null);
        if (identity == null) {
            return ClientReplies.DONE;
        }
        return chat.thread(identity.token(), threadId).thenAccept(reply -> {
            if (reply instanceof ChatServiceClient.Reply.Ok<String>) {
                session.exclusively(() -> {
                    if (registry.subscribe(session, threadId, frame.afterSeq(), settings.maxSubscriptions())) {
                        session.send(new ServerFrame.Subscribed(threadId, ServerFrame.newEventId()));
                    } else {
                        ClientReplies.error(session, threadId, ServerFrame.Error.TOO_MANY_SUBSCRIPTIONS,
                                "a connection may watch at most " + settings.maxSubscriptions() + " threads", "thread_id", null);
                    }
                });
            } else if (reply instanceof ChatServiceClient.Reply.Refused<String> refused) {
                ClientReplies.refusedThread(session, threadId, refused.status(), null);
            } else {
                ClientReplies.unavailable(session, threadId, null);
            }
        });
    }
}
