package dev.agenticchat.gateway.openai;

import dev.agenticchat.contracts.events.ArtifactSnapshot;
import dev.agenticchat.contracts.events.TurnCompleted;
import dev.agenticchat.gateway.ws.ServerFrame;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Reads the thread's frames (the same ones the WebSocket sends) and passes on those of the turn
 * that answers one posted message: the turn whose {@code turn_started} names that message, then
 * the frames carrying its turn id. Everything else on the thread is skipped. One small handler
 * per frame type; frame types a completion has no use for (reasoning, tool progress) are skipped.
 */
final class TurnFollower {
    /** What a completion does with its turn. */
    interface Sink {
        void started(String turnId);

        void text(String delta);

        void artifact(ArtifactSnapshot artifact);

        /** The final answer; {@code usage} follows in {@link #completed}. */
        void answer(String content, List<String> artifactIds);

        void completed(TurnCompleted.Usage usage);

        void failed(String code, String message);
    }

    private static final Map<String, BiConsumer<TurnFollower, ServerFrame>> HANDLERS = Map.of(
            "turn_started", (f, frame) -> f.started((ServerFrame.TurnStarted) frame),
            "text_delta", (f, frame) -> {
                ServerFrame.TextDelta delta = (ServerFrame.TextDelta) frame;
                if (f.ours(delta.turnId())) {
                    f.sink.text(delta.delta());
                }
            },
            "artifact_created", (f, frame) -> f.artifact(((ServerFrame.ArtifactCreated) frame).artifact()),
            "artifact_updated", (f, frame) -> f.artifact(((ServerFrame.ArtifactUpdated) frame).artifact()),
            "assistant_message", (f, frame) -> {
                ServerFrame.AssistantMessage answer = (ServerFrame.AssistantMessage) frame;
                if (f.ours(answer.turnId())) {
                    f.sink.answer(answer.content(), answer.artifactIds());
                }
            },
            "turn_completed", (f, frame) -> {
                ServerFrame.TurnDone done = (ServerFrame.TurnDone) frame;
                if (f.ours(done.turnId())) {
                    f.sink.completed(done.usage());
                }
            },
            "turn_failed", (f, frame) -> {
                ServerFrame.TurnFailed failed = (ServerFrame.TurnFailed) frame;
                if (f.ours(failed.turnId())) {
                    f.sink.failed(failed.code(), failed.message());
                }
            });

    private final String messageId;
    private final Sink sink;
    @Nullable
    private String turnId;

    TurnFollower(String messageId, Sink sink) {
        this.messageId = messageId;
        this.sink = sink;
    }

    synchronized void accept(ServerFrame frame) {
        BiConsumer<TurnFollower, ServerFrame> handler = HANDLERS.get(frame.type());
        if (handler != null) {
            handler.accept(this, frame);
        }
    }

    private void started(ServerFrame.TurnStarted frame) {
        if (turnId == null && messageId.equals(frame.messageId())) {
            turnId = frame.turnId();
            sink.started(turnId);
        }
    }

    private void artifact(ArtifactSnapshot artifact) {
        if (ours(artifact.turnId())) {
            sink.artifact(artifact);
        }
    }

    private boolean ours(@Nullable String frameTurnId) {
        return turnId != null && turnId.equals(frameTurnId);
    }
}
