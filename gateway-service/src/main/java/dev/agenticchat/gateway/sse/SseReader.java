package dev.agenticchat.gateway.sse;

import dev.agenticchat.gateway.auth.AccessTokenVerifier;
import dev.agenticchat.gateway.stream.ThreadReader;
import dev.agenticchat.gateway.ws.ServerFrame;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.sse.Event;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.function.Supplier;
import reactor.core.publisher.FluxSink;

/**
 * One SSE response as a reader of a thread's stream: each frame becomes an event named after its
 * {@code type}, with {@code id:} = its {@code seq} (frames without one carry no id, so the browser's
 * Last-Event-ID stays on the last replayable frame), and the frame's JSON as {@code data:}. A
 * message's stream ends after the turn answering it; any stream ends when its token expires (the
 * client reconnects with a fresh one and Last-Event-ID).
 */
final class SseReader implements ThreadReader {
    private final FluxSink<Event<String>> sink;
    private final AccessTokenVerifier.Verified identity;
    @Nullable
    private final String messageId;
    private final Supplier<String> knownTurn;
    private final JsonMapper json;
    private volatile String turnId;
    private volatile boolean ended;

    /** {@code messageId} null: the thread's stream, open until the client goes; else the turn answering it. */
    SseReader(FluxSink<Event<String>> sink, AccessTokenVerifier.Verified identity, @Nullable String messageId,
              Supplier<String> knownTurn, JsonMapper json) {
        this.sink = sink;
        this.json = json;
        this.identity = identity;
        this.messageId = messageId;
        this.knownTurn = knownTurn;
    }

    @Override
    public boolean accepts(String tenantId, String userId) {
        if (!Instant.now().isBefore(identity.expiresAt())) {
            end();
            return false;
        }
        return identity.receives(tenantId, userId);
    }

    @Override
    public void deliver(ServerFrame frame, String json) {
        if (ended) {
            return;
        }
        Event<String> event = Event.of(json).name(frame.type());
        if (frame.seq() != null) {
            event = event.id(String.valueOf(frame.seq()));
        }
        sink.next(event);
        if (messageId != null && endsTheTurn(frame)) {
            end();
        }
    }

    private boolean endsTheTurn(ServerFrame frame) {
        if (frame instanceof ServerFrame.TurnStarted started && messageId.equals(started.messageId())) {
            turnId = started.turnId();
            return false;
        }
        String ending = frame instanceof ServerFrame.TurnDone done ? done.turnId()
                : frame instanceof ServerFrame.TurnFailed failed ? failed.turnId() : null;
        if (ending == null) {
            return false;
        }
        String ours = turnId != null ? turnId : knownTurn.get();
        // Resumed after its start on an instance that never saw it: the first turn to end is taken as ours.
        return ours == null || ours.equals(ending);
    }

    @Override
    public void historyRequired(String threadId) {
        ServerFrame frame = new ServerFrame.HistoryRequired(threadId, ServerFrame.newEventId());
        try {
            deliver(frame, json.writeValueAsString(frame));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void heartbeat() {
        if (!ended) {
            sink.next(Event.of("").comment("heartbeat"));
        }
    }

    private void end() {
        if (!ended) {
            ended = true;
            sink.complete();
        }
    }
}
