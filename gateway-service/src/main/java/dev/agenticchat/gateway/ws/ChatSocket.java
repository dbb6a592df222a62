package dev.agenticchat.gateway.ws;

import dev.agenticchat.gateway.metrics.WebSocketMetrics;
import dev.agenticchat.gateway.web.ClientAddress;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskScheduler;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnError;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client WebSocket. The upgrade needs no token (it would end up in URLs and logs): the
 * first frame authenticates, and a socket that has not done so in time is closed (4401).
 * Raw frames are taken so that messages over the size limit get an error instead of a
 * closed connection; only frames over {@link #HARD_FRAME_LIMIT} make Netty close it (1009).
 */
@ServerWebSocket(ChatSocket.PATH)
@Secured(SecurityRule.IS_ANONYMOUS)
class ChatSocket {
    static final String PATH = "/ws";
    static final int HARD_FRAME_LIMIT = 256 * 1024;
    /** What a client refused for too many connections is told to wait before it reconnects. */
    static final long RETRY_CONNECTION_MS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(ChatSocket.class);

    private final ClientProtocol protocol;
    private final SessionRegistry registry;
    private final JsonMapper json;
    private final WebSocketSettings settings;
    private final TaskScheduler scheduler;
    private final ClientAddress clientAddress;

    private final WebSocketMetrics metrics;

    ChatSocket(ClientProtocol protocol, SessionRegistry registry, JsonMapper json, WebSocketSettings settings,
               TaskScheduler scheduler, ClientAddress clientAddress, WebSocketMetrics metrics) {
        this.metrics = metrics;
        this.protocol = protocol;
        this.registry = registry;
        this.clientAddress = clientAddress;
        this.json = json;
        this.settings = settings;
        this.scheduler = scheduler;
    }

    /**
     * Sockets per client address are counted on this instance: they hold this instance's memory,
     * and a client over the limit is told so before the connection closes (1008).
     */
    @OnOpen
    void onOpen(WebSocketSession socket, HttpRequest<?> request) {
        String address = ClientAddress.limitKey(clientAddress.of(request));
        ClientSession session = new ClientSession(socket, request, json, settings, address, metrics);
        socket.put(ClientSession.ATTRIBUTE, session);
        if (!registry.opened(address, settings.maxConnectionsPerAddress())) {
            session.refuse(ServerFrame.Error.rateLimited(null, "at most " + settings.maxConnectionsPerAddress()
                    + " connections from one address; close one or try again later", RETRY_CONNECTION_MS, null),
                    ClientSession.TOO_MANY_CONNECTIONS);
            return;
        }
        session.counted();
        metrics.opened();
        session.authDeadline(scheduler.schedule(settings.authTimeout(), session::closeIfUnauthenticated));
    }

    @OnMessage(maxPayloadLength = HARD_FRAME_LIMIT)
    void onMessage(WebSocketFrame frame, WebSocketSession socket) {
        try {
            ClientSession session = socket.get(ClientSession.ATTRIBUTE, ClientSession.class).orElse(null);
            if (session == null || !session.open() || !session.admit()) {
                return;
            }
            session.assemble(frame).ifPresent(incoming -> session.enqueue(() -> protocol.handle(session, incoming)));
        } finally {
            frame.release();
        }
    }

    @OnClose
    void onClose(WebSocketSession socket) {
        socket.get(ClientSession.ATTRIBUTE, ClientSession.class).ifPresent(session -> {
            session.markClosed();
            registry.remove(session);
            if (session.wasCounted()) {
                registry.closed(session.address());
                metrics.closed();
            }
        });
    }

    @OnError
    void onError(WebSocketSession socket, Throwable error) {
        LOG.debug("WebSocket error: {}", error.toString());
    }
}
