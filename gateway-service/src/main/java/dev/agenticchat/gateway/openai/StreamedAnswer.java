package dev.agenticchat.gateway.openai;

import dev.agenticchat.contracts.events.ArtifactSnapshot;
import dev.agenticchat.contracts.events.TurnCompleted;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A streaming completion: each event of the turn becomes a {@code chat.completion.chunk} as it
 * arrives (the role when the turn starts, then its text deltas). At the end, whatever the stored
 * answer has beyond the streamed text, then the artifact links (in the text and as
 * {@code delta.artifacts}), a chunk with {@code finish_reason: stop}, the usage chunk if asked
 * for, and {@code [DONE]}, which {@code onAnswer} sends once it has recorded the answer (off the
 * stream's thread, which must not block), so a client's next request finds the conversation. A
 * failed turn ends the stream with an {@code error} object instead.
 */
final class StreamedAnswer implements TurnFollower.Sink {
    static final String DONE = "[DONE]";

    /** Where the SSE {@code data:} payloads go. */
    interface Emitter {
        void data(String payload);

        void end();
    }

    private final JsonMapper json;
    private final Emitter emitter;
    private final TurnArtifacts artifacts;
    private final String model;
    private final long created;
    private final boolean includeUsage;
    private final BiConsumer<String, Runnable> onAnswer;
    private final StringBuilder streamed = new StringBuilder();
    private String id;
    private String content = "";
    private List<String> artifactIds = List.of();
    private boolean ended;

    StreamedAnswer(JsonMapper json, Emitter emitter, TurnArtifacts artifacts, String model, long created, boolean includeUsage,
                   BiConsumer<String, Runnable> onAnswer) {
        this.json = json;
        this.emitter = emitter;
        this.artifacts = artifacts;
        this.model = model;
        this.created = created;
        this.includeUsage = includeUsage;
        this.onAnswer = onAnswer;
    }

    @Override
    public void started(String turnId) {
        id = "chatcmpl-" + turnId;
        chunk(new CompletionObjects.Delta("assistant", "", null), null);
    }

    @Override
    public void text(String delta) {
        streamed.append(delta);
        chunk(new CompletionObjects.Delta(null, delta, null), null);
    }

    @Override
    public void artifact(ArtifactSnapshot artifact) {
        artifacts.add(artifact);
    }

    @Override
    public void answer(String content, List<String> artifactIds) {
        this.content = content;
        this.artifactIds = artifactIds;
    }

    /** A delta lost on the way is healed by the stored answer when the streamed text is its beginning. */
    @Override
    public void completed(TurnCompleted.Usage usage) {
        String text = streamed.toString();
        if (content.startsWith(text) && content.length() > text.length()) {
            String rest = content.substring(text.length());
            chunk(new CompletionObjects.Delta(null, rest, null), null);
            text = content;
        }
        List<ArtifactLink> links = artifacts.links(artifactIds);
        String full = ArtifactLink.appendTo(text, links);
        if (!links.isEmpty()) {
            chunk(new CompletionObjects.Delta(null, full.substring(text.length()), links), null);
        }
        chunk(new CompletionObjects.Delta(null, null, null), "stop");
        if (includeUsage) {
            emit(CompletionObjects.Chunk.usage(id, created, model, CompletionObjects.Usage.of(usage)));
        }
        onAnswer.accept(full, () -> end(DONE));
    }

    @Override
    public void failed(String code, String message) {
        fail(TurnFailures.error(code, message));
    }

    /** Ends the stream with this error, unless it has ended. */
    void fail(OpenAiError error) {
        try {
            end(json.writeValueAsString(error.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void end(String last) {
        if (!ended) {
            ended = true;
            emitter.data(last);
            emitter.end();
        }
    }

    private void chunk(CompletionObjects.Delta delta, String finishReason) {
        emit(CompletionObjects.Chunk.of(id, created, model, delta, finishReason));
    }

    private synchronized void emit(CompletionObjects.Chunk chunk) {
        if (ended) {
            return;
        }
        try {
            emitter.data(json.writeValueAsString(chunk));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
