package dev.agenticchat.gateway.chatkit;

import dev.agenticchat.gateway.auth.AccessTokenVerifier;
import dev.agenticchat.gateway.stream.ThreadReader;
import dev.agenticchat.gateway.ws.ServerFrame;
import io.micronaut.http.sse.Event;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
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
    private final java.util.Set<String> others = new java.util.HashSet<>();
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
    public synchronized void deliver(ServerFrame frame, String frameJson) {
        if (ended) {
            return;
        }
        if (frame instanceof ServerFrame.TurnStarted started) {
            if (messageId.equals(started.messageId())) {
                turnId = started.turnId();
                startAssistant();
            } else {
                others.add(started.turnId());
            }
        } else if (!ours(frame)) {
            return;
        } else if (frame instanceof ServerFrame.TextDelta delta) {
            startAssistant();
            send(new Events.ItemUpdated(turnId(), new Events.TextDelta(delta.delta())));
        } else if (frame instanceof ServerFrame.ToolExecution tool) {
            send(new Events.ProgressUpdate(progress(tool)));
        } else if (frame instanceof ServerFrame.ArtifactCreated created) {
            send(new Events.ItemDone(widget(created.artifact())));
        } else if (frame instanceof ServerFrame.ArtifactUpdated updated) {
            send(new Events.ItemReplaced(widget(updated.artifact())));
        } else if (frame instanceof ServerFrame.AssistantMessage answer) {
            finish(answer);
        } else if (frame instanceof ServerFrame.TurnDone) {
            end();
        } else if (frame instanceof ServerFrame.TurnFailed failed) {
            send(new Wire.Error(failed.message() == null || failed.message().isBlank()
                    ? "The answer failed (" + failed.code() + ")" : failed.message(), true));
            end();
        }
    }

    /**
     * A frame of the turn answering our message. Only that turn's frames carry its id; a reader
     * that joined after the start (another instance saw it) takes the first turn it meets.
     */
    private boolean ours(ServerFrame frame) {
        String frameTurn = frame instanceof ServerFrame.TextDelta d ? d.turnId()
                : frame instanceof ServerFrame.ToolExecution t ? t.turnId()
                : frame instanceof ServerFrame.AssistantMessage a ? a.turnId()
                : frame instanceof ServerFrame.TurnDone done ? done.turnId()
                : frame instanceof ServerFrame.TurnFailed f ? f.turnId()
                : frame instanceof ServerFrame.ArtifactCreated c ? c.artifact().turnId()
                : frame instanceof ServerFrame.ArtifactUpdated u ? u.artifact().turnId() : null;
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

    private Wire.Widget widget(dev.agenticchat.contracts.events.ArtifactSnapshot artifact) {
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
