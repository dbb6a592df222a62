package dev.agenticchat.gateway.ws;

import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;

/** {@code ping}: answered with {@code pong}, so a client can tell a live connection from a dead one. */
@Singleton
class PingHandler implements ClientFrameHandler<ClientFrame.Ping> {
    @Override
    public Class<ClientFrame.Ping> frameType() {
        return ClientFrame.Ping.class;
    }

    @Override
    public CompletableFuture<Void> handle(ClientSession session, ClientFrame.Ping frame) {
        return ClientReplies.send(session, new ServerFrame.Pong(ServerFrame.newEventId()));
    }
}
