package dev.agenticchat.gateway.chatkit;

import dev.agenticchat.contracts.events.ArtifactSnapshot;
import dev.agenticchat.gateway.auth.AccessTokenVerifier;
import dev.agenticchat.gateway.stream.ThreadReader;
import dev.agenticchat.gateway.ws.ServerFrame;
import io.micronaut.http.sse.Event;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import reactor.core.publisher.FluxSink;

/**
 * The turn answering one user message, as ChatKit stream events: the assistant's text streams as an
 * {@code assistant_message} item whose id is the turn's until the stored message's id is known,
 * then it is removed and the stored message is sent done (text and citations), so its id is the one
 * {@code items.list} shows; tool calls are {@code progress_update}s, artifacts widget items, a failed
 * turn an {@code error}. The stream ends with the turn, or when the token expires.
 */
final class TurnReader implements ThreadReader {
    private final FluxSink<Event<String>> sink;
    private final AccessTokenVerifier.Verified identity;
    private final String threadId;
    private final String messageId;
    private final Supplier<String> knownTurn;
    private final ArtifactWidgets widgets;
    private final JsonMapper json;
    /** Turns that answer other messages (another tab's): never ours, even before ours is known. */
    private final Set<String> others = new HashSet<>();
    private final Map<Class<?>, Handling> handlers = new HashMap<>();
    private volatile String turnId;
    private volatile boolean streaming;
    private volatile boolean ended;

    TurnReader(FluxSink<Event<String>> sink, AccessTokenVerifier.Verified identity, String threadId, String messageId,
               Supplier<String> knownTurn, ArtifactWidgets widgets, JsonMapper json) {
        this.sink = sink;
        this.identity = identity;
        this.threadId = threadId;
        this.messageId = messageId;
        this.knownTurn = knownTurn;
        this.widgets = widgets;
        this.json = json;
        on(ServerFrame.TextDelta.class, ServerFrame.TextDelta::turnId, this::delta);
        on(ServerFrame.ToolExecution.class, ServerFrame.ToolExecution::turnId, tool -> send(new Events.ProgressUpdate(progress(tool))));
        on(ServerFrame.ArtifactCreated.class, created -> created.artifact().turnId(),
                created -> send(new Events.ItemDone(widget(created.artifact()))));
        on(ServerFrame.ArtifactUpdated.class, updated -> updated.artifact().turnId(),
                updated -> send(new Events.ItemReplaced(widget(updated.artifact()))));
        on(ServerFrame.AssistantMessage.class, ServerFrame.AssistantMessage::turnId, this::finish);
        on(ServerFrame.TurnDone.class, ServerFrame.TurnDone::turnId, done -> end());
        on(ServerFrame.TurnFailed.class, ServerFrame.TurnFailed::turnId, this::failed);
    }

    @Override
    public boolean accepts(String tenantId, String userId) {
        if (!Instant.now().isBefore(identity.expiresAt())) {
            end();
            return false;
        }
        return identity.receives(tenantId, userId);
    }

    /** What a frame type means here: the turn it belongs to, and what to send for it. */
    private record Handling(Function<ServerFrame, String> turn, Consumer<ServerFrame> action) {
    }

    private <F extends ServerFrame> void on(Class<F> type, Function<F, String> turn, Consumer<F> action) {
        handlers.put(type, new Handling(frame -> turn.apply(type.cast(frame)), frame -> action.accept(type.cast(frame))));
    }

    @Override
    public synchronized void deliver(ServerFrame frame, String frameJson) {
        if (ended) {
            return;
        }
        if (frame instanceof ServerFrame.TurnStarted started) {
            started(started);
            return;
        }
        Handling handling = handlers.get(frame.getClass());
        if (handling != null && ours(handling.turn().apply(frame))) {
            handling.action().accept(frame);
        }
    }

    private void started(ServerFrame.TurnStarted started) {
        if (messageId.equals(started.messageId())) {
            turnId = started.turnId();
            startAssistant();
        } else {
            others.add(started.turnId());
        }
    }

    private void delta(ServerFrame.TextDelta delta) {
        startAssistant();
        send(new Events.ItemUpdated(turnId(), new Events.TextDelta(delta.delta())));
    }

    private void failed(ServerFrame.TurnFailed failed) {
        send(new Wire.Error(failed.message() == null || failed.message().isBlank()
                ? "The answer failed (" + failed.code() + ")" : failed.message(), true));
        end();
    }

    /**
     * Whether a frame of this turn is of the turn answering our message. Only that turn's frames
     * carry its id; a reader that joined after the start (another instance saw it) takes the first
     * turn it meets that is not another message's.
     */
    private boolean ours(String frameTurn) {
        if (turnId == null) {
            turnId = knownTurn.get();
        }
        if (frameTurn != null && others.contains(frameTurn)) {
            return false;
        }
        if (turnId == null && frameTurn != null) {
            turnId = frameTurn;
        }
        return frameTurn == null || frameTurn.equals(turnId);
    }

    private String turnId() {
        return turnId != null ? turnId : "turn_" + messageId;
    }

    private void startAssistant() {
        if (!streaming) {
            streaming = true;
            send(new Events.ItemAdded(new Wire.AssistantMessage(turnId(), threadId, now(), List.of())));
            send(new Events.ItemUpdated(turnId(), new Events.ContentPartAdded(new Wire.OutputText("", List.of()))));
        }
    }

    private void finish(ServerFrame.AssistantMessage answer) {
        Wire.AssistantMessage stored = Items.assistant(answer.messageId(), threadId, now(), answer.content(),
                Items.citations(answer.citations()));
        if (streaming) {
            send(new Events.ItemUpdated(turnId(), new Events.ContentPartDone(stored.content().get(0))));
            send(new Events.ItemRemoved(turnId()));
        }
        send(new Events.ItemDone(stored));
    }

    private Wire.Widget widget(ArtifactSnapshot artifact) {
        return new Wire.Widget(artifact.id(), threadId, now(), widgets.of(artifact), artifact.title());
    }

    private static String progress(ServerFrame.ToolExecution tool) {
        return switch (tool.status()) {
            case "started" -> "Running " + tool.toolName() + "…";
            case "failed" -> tool.toolName() + " failed";
            default -> tool.toolName() + " done";
        };
    }

    @Override
    public void historyRequired(String threadId) {
        // Never for a message's own turn: it is read from the turn's start, not from an after_seq.
    }

    private void send(Object event) {
        try {
            sink.next(Event.of(json.writeValueAsString(event)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String now() {
        return Instant.now().toString();
    }

    private void end() {
        if (!ended) {
            ended = true;
            sink.complete();
        }
    }
}
