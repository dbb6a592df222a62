package dev.agenticchat.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A browser-like WebSocket client of the gateway: JSON frames in, JSON frames out. */
final class WsClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final List<JsonNode> received = new ArrayList<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private WsClient(URI uri, String origin) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Origin", origin)
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, new Listener()).join();
    }

    static WsClient connect(RunningSuite suite) {
        return new WsClient(suite.webSocket(), suite.origin());
    }

    /** To one instance of the gateway by name (a replica's, say), from the suite's own origin. */
    static WsClient authenticated(RunningSuite suite, String gatewayInstance, String accessToken) {
        WsClient client = new WsClient(suite.webSocket(gatewayInstance), suite.origin());
        client.send(Map.of("type", "auth", "token", accessToken));
        client.await(frame -> "auth_ok".equals(frame.path("type").asText()), Duration.ofSeconds(10));
        return client;
    }

    /** Connects and authenticates; returns once {@code auth_ok} arrived. */
    static WsClient authenticated(RunningSuite suite, String accessToken) {
        WsClient client = connect(suite);
        client.send(Map.of("type", "auth", "token", accessToken));
        client.await(frame -> "auth_ok".equals(frame.path("type").asText()), Duration.ofSeconds(10));
        return client;
    }

    void send(Map<String, ?> frame) {
        try {
            socket.sendText(JSON.writeValueAsString(frame), true).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send " + frame, e);
        }
    }

    /** Waits for the first frame matching; frames before it stay in {@link #received()}. */
    JsonNode await(Predicate<JsonNode> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                JsonNode frame = left > 0 ? inbox.poll(left, TimeUnit.NANOSECONDS) : null;
                if (frame == null) {
                    throw new AssertionError("no matching frame within " + timeout + "; received " + received());
                }
                if (match.test(frame)) {
                    return frame;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode awaitType(String type, Duration timeout) {
        return await(frame -> type.equals(frame.path("type").asText()), timeout);
    }

    /** Frames that arrive within the window (to prove something does NOT arrive). */
    List<JsonNode> drain(Duration window) {
        List<JsonNode> frames = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                JsonNode frame = left > 0 ? inbox.poll(left, TimeUnit.NANOSECONDS) : null;
                if (frame == null) {
                    return frames;
                }
                frames.add(frame);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return frames;
        }
    }

    synchronized List<JsonNode> received() {
        return new ArrayList<>(received);
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode frame = JSON.readTree(partial.toString());
                    synchronized (WsClient.this) {
                        received.add(frame);
                    }
                    inbox.add(frame);
                } catch (Exception e) {
                    inbox.add(JSON.createObjectNode().put("type", "client_parse_error").put("raw", partial.toString()));
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
