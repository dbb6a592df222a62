package dev.agenticchat.agent.tool;

import dev.agenticchat.contracts.events.ArtifactSnapshot;
import dev.agenticchat.contracts.events.ToolCallCompleted;
import io.micronaut.core.annotation.Nullable;

/**
 * How a tool call ended. {@code output} is exactly what the model receives as the tool
 * result; for a failure it says what went wrong, so the model can correct itself.
 */
public record ToolOutcome(String status, String output, @Nullable ArtifactSnapshot artifact) {

    static ToolOutcome completed(String output, @Nullable ArtifactSnapshot artifact) {
        return new ToolOutcome(ToolCallCompleted.COMPLETED, output, artifact);
    }

    @Nullable
    public String artifactId() {
        return artifact == null ? null : artifact.id();
    }

    static ToolOutcome failed(String output) {
        return new ToolOutcome(ToolCallCompleted.FAILED, output, null);
    }
}
