package dev.agenticchat.gateway.openai;

import dev.agenticchat.contracts.events.ArtifactSnapshot;
import dev.agenticchat.contracts.events.TurnCompleted;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A non-streaming completion: waits for the turn's end. The text is the stored answer (the
 * durable {@code assistant_message}, not the deltas), with a link per artifact after it.
 */
final class CollectedAnswer implements TurnFollower.Sink {
    record Result(String turnId, String content, List<ArtifactLink> artifacts, CompletionObjects.Usage usage) {
    }

    private final CompletableFuture<Result> result = new CompletableFuture<>();
    private final TurnArtifacts artifacts;
    private String turnId;
    private String content = "";
    private List<String> artifactIds = List.of();

    CollectedAnswer(TurnArtifacts artifacts) {
        this.artifacts = artifacts;
    }

    CompletableFuture<Result> result() {
        return result;
    }

    @Override
    public void started(String turnId) {
        this.turnId = turnId;
    }

    /** The stored answer is the text; deltas matter to streams only. */
    @Override
    public void text(String delta) {
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

    @Override
    public void completed(TurnCompleted.Usage usage) {
        List<ArtifactLink> links = artifacts.links(artifactIds);
        result.complete(new Result(turnId, ArtifactLink.appendTo(content, links), links, CompletionObjects.Usage.of(usage)));
    }

    @Override
    public void failed(String code, String message) {
        result.completeExceptionally(TurnFailures.error(code, message));
    }
}
