package dev.agenticchat.gateway.ws;

import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;

/** {@code unsubscribe}: the socket stops receiving a thread's events; nothing is sent back. */
@Singleton
class UnsubscribeHandler implements ClientFrameHandler<ClientFrame.Unsubscribe> {
    private final SessionRegistry registry;

    UnsubscribeHandler(SessionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Class<ClientFrame.Unsubscribe> frameType() {
        return ClientFrame.Unsubscribe.class;
    }

    @Override
    public CompletableFuture<Void> handle(ClientSession session, ClientFrame.Unsubscribe frame) {
        registry.unsubscribe(session, frame.threadId());
        return ClientReplies.DONE;
    }
}
