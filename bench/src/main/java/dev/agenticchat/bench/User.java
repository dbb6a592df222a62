package dev.agenticchat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One anonymous user on one authenticated WebSocket, running one turn at a time and timing it from the frames it
 * receives (nothing else tells it a turn completed: a turn it did not see end live counts as such).
 */
final class User implements WebSocket.Listener {

    /** One turn's timings (System.nanoTime; 0 = not seen) and how it ended. */
    static final class Turn {
        final String clientMessageId = UUID.randomUUID().toString();
        final User user;
        final CompletableFuture<Turn> done = new CompletableFuture<>();
        volatile long sent;
        volatile long ack;
        volatile long firstDelta;
        volatile long completed;
        volatile String failure;
        volatile String threadId;

        Turn(User user) {
            this.user = user;
        }

        double ackMs() {
            return ack == 0 ? Double.NaN : (ack - sent) / 1e6;
        }

        double firstDeltaMs() {
            return firstDelta == 0 ? Double.NaN : (firstDelta - sent) / 1e6;
        }

        double completedMs() {
            return completed == 0 ? Double.NaN : (completed - sent) / 1e6;
        }

        boolean completedLive() {
            return completed != 0 && failure == null;
        }
    }

    private final Gateway gateway;
    final String token;
    private WebSocket socket;
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Void> authenticated = new CompletableFuture<>();
    private volatile Turn current;
    volatile String closedWith;

    private User(Gateway gateway, String token) {
        this.gateway = gateway;
        this.token = token;
    }

    /** A new anonymous session, connected and authenticated (auth_ok received). */
    static CompletableFuture<User> connect(Gateway gateway) {
        return gateway.anonymousSession().thenCompose(token -> connect(gateway, token));
    }

    static CompletableFuture<User> connect(Gateway gateway, String token) {
        User user = new User(gateway, token);
        return gateway.http.newWebSocketBuilder().header("Origin", gateway.baseUrl)
                .connectTimeout(Duration.ofSeconds(20)).buildAsync(gateway.webSocketUri(), user)
                .thenCompose(ws -> {
                    user.socket = ws;
                    return ws.sendText("{\"type\":\"auth\",\"token\":\"" + token + "\"}", true);
                })
                .thenCompose(ws -> user.authenticated.orTimeout(20, TimeUnit.SECONDS))
                .thenApply(ignored -> user);
    }

    /** Sends one user message (a chart, then text) and completes when the turn ends or its time is up. */
    CompletableFuture<Turn> turn(String content, Duration timeout) {
        Turn turn = new Turn(this);
        current = turn;
        String frame = Gateway.JSON.createObjectNode().put("type", "user_message").put("content", content)
                .put("client_message_id", turn.clientMessageId).toString();
        turn.sent = System.nanoTime();
        socket.sendText(frame, true).whenComplete((ws, error) -> {
            if (error != null) {
                fail(turn, "send failed: " + error.getMessage());
            }
        });
        return turn.done.completeOnTimeout(turn, timeout.toMillis(), TimeUnit.MILLISECONDS).thenApply(t -> {
            if (t.completed == 0 && t.failure == null) {
                t.failure = "not completed live within " + timeout.toSeconds() + " s";
            }
            return t;
        });
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        long now = System.nanoTime();
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            try {
                handle(Gateway.JSON.readTree(text), now);
            } catch (IOException e) {
                Turn turn = current;
                if (turn != null) {
                    fail(turn, "unparsable frame " + text);
                }
            }
        }
        webSocket.request(1);
        return null;
    }

    private void handle(JsonNode frame, long now) {
        String type = frame.path("type").asText();
        if ("auth_ok".equals(type)) {
            authenticated.complete(null);
            return;
        }
        Turn turn = current;
        if (turn == null) {
            if ("error".equals(type)) {
                authenticated.completeExceptionally(new IllegalStateException("gateway answered " + frame));
            }
            return;
        }
        switch (type) {
            case "user_message" -> {
                if (turn.clientMessageId.equals(frame.path("client_message_id").asText()) && turn.ack == 0) {
                    turn.ack = now;
                    turn.threadId = frame.path("thread_id").asText(null);
                }
            }
            case "text_delta" -> {
                if (turn.firstDelta == 0) {
                    turn.firstDelta = now;
                }
            }
            case "turn_completed" -> {
                turn.completed = now;
                turn.done.complete(turn);
            }
            case "turn_failed" -> fail(turn, "turn_failed " + frame.path("code").asText());
            case "error" -> fail(turn, "error " + frame.path("code").asText() + ": " + frame.path("message").asText());
            default -> {
                // turn_started, tool_execution, artifact_created, assistant_message: not timed
            }
        }
    }

    private static void fail(Turn turn, String why) {
        if (turn.failure == null) {
            turn.failure = why;
        }
        turn.done.complete(turn);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closedWith = statusCode + " " + reason;
        authenticated.completeExceptionally(new IllegalStateException("socket closed " + closedWith));
        Turn turn = current;
        if (turn != null) {
            fail(turn, "socket closed " + closedWith);
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closedWith = "error " + error;
        authenticated.completeExceptionally(error);
        Turn turn = current;
        if (turn != null) {
            fail(turn, "socket error " + error.getMessage());
        }
    }

    /** Whether chat-service stored an answer on the turn's thread (the turn ran, even if not seen live). */
    CompletableFuture<Boolean> answerStored(Turn turn) {
        if (turn.threadId == null) {
            return CompletableFuture.completedFuture(false);
        }
        return gateway.get("/api/threads/" + turn.threadId + "/messages", token).thenApply(json -> {
            JsonNode items = json.has("items") ? json.get("items") : json.path("messages");
            if (json.isArray()) {
                items = json;
            }
            for (JsonNode message : items) {
                if ("assistant".equals(message.path("role").asText())) {
                    return true;
                }
            }
            return false;
        }).exceptionally(e -> false);
    }

    void close() {
        if (socket != null) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bench done").orTimeout(2, TimeUnit.SECONDS)
                    .whenComplete((ws, error) -> socket.abort());
        }
    }
}
