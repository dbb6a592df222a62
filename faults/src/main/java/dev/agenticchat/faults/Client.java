package dev.agenticchat.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One user with one WebSocket, behaving as the web app does (gateway-service's public/assets/chat.js
 * and socket.js): after a drop it reconnects with backoff and jitter, authenticates, subscribes to
 * the thread it is watching with {@code after_seq} (the last {@code seq} it has), resends a message
 * not yet acknowledged with the same {@code client_message_id}, and loads the thread's history.
 * Unlike the web app it also resends a message refused as {@code unavailable} or {@code rate_limited}
 * (a person would press Retry).
 */
final class Client implements AutoCloseable {
    private static final long[] BACKOFF_MS = {500, 1000, 2000, 4000};
    private static final Duration RESEND_AFTER = Duration.ofSeconds(10);
    private static final Duration HISTORY_AFTER_SILENCE = Duration.ofSeconds(10);

    private final Api api;
    private final Api.Session session;
    private final URI uri;
    private final String origin;
    private final Timeline timeline;
    private final HttpClient http = HttpClient.newHttpClient();
    private final BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private WebSocket socket;
    private int generation;

    Client(Api api, Api.Session session, URI uri, String origin, Timeline timeline) {
        this.api = api;
        this.session = session;
        this.uri = uri;
        this.origin = origin;
        this.timeline = timeline;
    }

    Api.Session session() {
        return session;
    }

    /** Sends the turn's message (a new thread) and follows the turn until it ends or its deadlines pass. */
    void run(Turn turn, Duration ackDeadline, Duration turnDeadline) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "user_message");
        message.put("content", turn.content);
        message.put("client_message_id", turn.clientMessageId);
        turn.sentAt = Instant.now();
        Instant ackBy = turn.sentAt.plus(ackDeadline);
        if (socket == null && !connect(ackBy, turn)) {
            turn.outcome = Turn.Outcome.NOT_ACKNOWLEDGED;
            return;
        }
        boolean needSend = true;
        Instant resendAt = Instant.MAX;
        while (turn.ackAt == null) {
            if (Instant.now().isAfter(ackBy)) {
                turn.outcome = Turn.Outcome.NOT_ACKNOWLEDGED;
                return;
            }
            if (needSend || Instant.now().isAfter(resendAt)) {
                if (send(message)) {
                    turn.sends++;
                    needSend = false;
                    resendAt = Instant.now().plus(RESEND_AFTER);
                } else if (!reconnect(ackBy, turn)) {
                    continue;
                }
            }
            JsonNode frame = poll();
            if (frame == null) {
                continue;
            }
            String type = frame.path("type").asText();
            if (closedNow(frame)) {
                reconnect(ackBy, turn);
                needSend = true;
            } else if (type.equals("user_message") && turn.clientMessageId.equals(frame.path("client_message_id").asText())) {
                turn.ackAt = Instant.now();
                turn.threadId = frame.path("thread_id").asText();
                turn.messageId = frame.path("message_id").asText();
            } else if (type.equals("error") && retryable(frame, turn)) {
                Progress.pause(Duration.ofMillis(Math.min(5000, frame.path("retry_after_ms").asLong(1000))));
                needSend = true;
            }
        }
        follow(turn, turn.ackAt.plus(turnDeadline));
    }

    private void follow(Turn turn, Instant endBy) {
        long lastSeq = -1;
        Instant historyAt = Instant.MAX;
        while (true) {
            if (Instant.now().isAfter(historyAt)) {
                historyAt = Instant.MAX;
                if (storedAnswer(turn)) {
                    return;
                }
            }
            if (Instant.now().isAfter(endBy)) {
                if (storedAnswer(turn)) {
                    return;
                }
                turn.outcome = Turn.Outcome.NO_OUTCOME;
                return;
            }
            JsonNode frame = poll();
            if (frame == null) {
                continue;
            }
            if (closedNow(frame)) {
                if (!reconnect(endBy, turn)) {
                    continue;
                }
                Map<String, Object> subscribe = new LinkedHashMap<>();
                subscribe.put("type", "subscribe");
                subscribe.put("thread_id", turn.threadId);
                if (lastSeq >= 0) {
                    subscribe.put("after_seq", lastSeq);
                }
                send(subscribe);
                // The replay should bring the rest of the turn; only if it stays silent is the history read
                // (as the web app's loadHistory would show it), and such a turn counts as not seen live.
                historyAt = Instant.now().plus(HISTORY_AFTER_SILENCE);
                continue;
            }
            if (!turn.threadId.equals(frame.path("thread_id").asText())) {
                continue;
            }
            historyAt = historyAt.equals(Instant.MAX) ? historyAt : Instant.now().plus(HISTORY_AFTER_SILENCE);
            if (frame.has("seq")) {
                lastSeq = Math.max(lastSeq, frame.path("seq").asLong());
            }
            switch (frame.path("type").asText()) {
                case "turn_started" -> {
                    turn.turnStarts++;
                    turn.turnId = frame.path("turn_id").asText();
                }
                case "text_delta" -> {
                    if (turn.firstDeltaAt == null) {
                        turn.firstDeltaAt = Instant.now();
                    }
                }
                case "turn_completed" -> {
                    end(turn, Turn.Outcome.COMPLETED, null);
                    return;
                }
                case "turn_failed" -> {
                    end(turn, Turn.Outcome.FAILED, frame.path("code").asText());
                    return;
                }
                case "history_required" -> {
                    if (storedAnswer(turn)) {
                        return;
                    }
                }
                default -> {
                    // deltas of tools, artifacts and the answer itself: the stored history is checked after the run
                }
            }
        }
    }

    /** The web app heals from history after a reconnect: an answer stored meanwhile ends the turn. */
    private boolean storedAnswer(Turn turn) {
        try {
            List<JsonNode> messages = api.all("/api/threads/" + turn.threadId + "/messages", session.accessToken());
            if (messages.stream().anyMatch(m -> "assistant".equals(m.path("role").asText()))) {
                turn.answeredFromHistory = true;
                end(turn, Turn.Outcome.COMPLETED, null);
                return true;
            }
        } catch (RuntimeException e) {
            // not reachable yet: the stream or the next reconnect will tell
        }
        return false;
    }

    private void end(Turn turn, Turn.Outcome outcome, String code) {
        turn.endedAt = Instant.now();
        turn.outcome = outcome;
        turn.failCode = code;
        timeline.ended(turn);
    }

    private static boolean retryable(JsonNode error, Turn turn) {
        String code = error.path("code").asText();
        return code.equals("unavailable") || code.equals("rate_limited")
                || turn.clientMessageId.equals(error.path("client_message_id").asText());
    }

    private boolean closedNow(JsonNode frame) {
        return frame.path("type").asText().equals("_closed") && frame.path("generation").asInt() == generation;
    }

    private boolean reconnect(Instant deadline, Turn turn) {
        turn.reconnects++;
        if (socket != null) {
            socket.abort();
        }
        socket = null;
        return connect(deadline, turn);
    }

    private boolean connect(Instant deadline, Turn turn) {
        int attempt = 0;
        while (Instant.now().isBefore(deadline)) {
            if (attempt > 0) {
                long base = BACKOFF_MS[Math.min(attempt - 1, BACKOFF_MS.length - 1)];
                Progress.pause(Duration.ofMillis(Math.round(base * (0.75 + ThreadLocalRandom.current().nextDouble() * 0.5))));
            }
            attempt++;
            int mine = ++generation;
            inbox.clear();
            try {
                socket = http.newWebSocketBuilder().header("Origin", origin).connectTimeout(Duration.ofSeconds(3))
                        .buildAsync(uri, new Listener(mine)).get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                socket = null;
                continue;
            }
            if (!send(Map.of("type", "auth", "token", session.accessToken()))) {
                continue;
            }
            Instant authBy = Instant.now().plusSeconds(10);
            while (Instant.now().isBefore(authBy)) {
                JsonNode frame = poll();
                if (frame != null && frame.path("type").asText().equals("auth_ok")) {
                    return true;
                }
                if (frame != null && closedNow(frame)) {
                    break;
                }
            }
            socket.abort();
            socket = null;
        }
        return false;
    }

    private boolean send(Map<String, ?> frame) {
        if (socket == null) {
            return false;
        }
        try {
            socket.sendText(Api.JSON.writeValueAsString(frame), true).get(5, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private JsonNode poll() {
        try {
            return inbox.poll(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final int mine;
        private final StringBuilder partial = new StringBuilder();

        Listener(int mine) {
            this.mine = mine;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    inbox.add(Api.JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    // a frame that is not JSON counts for nothing here
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed();
        }

        private void closed() {
            inbox.add(Api.JSON.createObjectNode().put("type", "_closed").put("generation", mine));
        }
    }
}
