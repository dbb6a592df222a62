package dev.agenticchat.gateway.ws;

import dev.agenticchat.gateway.metrics.WebSocketMetrics;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The client side of docs/client-protocol.md ("Client → server", "Errors and closes"): what each
 * client frame does and what the client hears back. A bad frame costs the client an {@code error}
 * frame, never its connection.
 */
@Singleton
class ClientProtocol {
    private final ClientFrames frames;
    private final WebSocketMetrics metrics;
    /** Each frame record's handler; every record has one, or the socket does not start. */
    private final Map<Class<?>, ClientFrameHandler<?>> handlers = new HashMap<>();

    ClientProtocol(ClientFrames frames, List<ClientFrameHandler<?>> handlers, WebSocketMetrics metrics) {
        this.frames = frames;
        this.metrics = metrics;
        for (ClientFrameHandler<?> handler : handlers) {
            if (this.handlers.put(handler.frameType(), handler) != null) {
                throw new IllegalStateException("two handlers for " + handler.frameType().getSimpleName() + " frames");
            }
        }
        for (Class<?> frameType : ClientFrame.class.getPermittedSubclasses()) {
            if (!this.handlers.containsKey(frameType)) {
                throw new IllegalStateException("no handler for " + frameType.getSimpleName() + " frames");
            }
        }
    }

    /** Reads the frame ({@link ClientFrames}) and hands it to its handler; until auth, every other frame is refused unread. */
    CompletableFuture<Void> handle(ClientSession session, ClientSession.Incoming incoming) {
        ClientFrame frame;
        try {
            FrameFields fields = frames.fields(incoming);
            if (!session.authenticated() && !ClientFrame.Auth.TYPE.equals(fields.type())) {
                return ClientReplies.error(session, null, ServerFrame.Error.UNAUTHENTICATED,
                        "the first frame must be {\"type\":\"auth\",\"token\":...}", null, null);
            }
            frame = frames.parse(fields);
            metrics.frameIn(fields.type());
        } catch (FrameError e) {
            return ClientReplies.error(session, null, e.code(), e.getMessage(), e.field(), null);
        }
        return dispatch(session, frame);
    }

    private <F extends ClientFrame> CompletableFuture<Void> dispatch(ClientSession session, F frame) {
        @SuppressWarnings("unchecked") // registered under its own frameType()
        ClientFrameHandler<F> handler = (ClientFrameHandler<F>) handlers.get(frame.getClass());
        return handler.handle(session, frame);
    }
}
