package dev.agenticchat.agent.tool;

import dev.agenticchat.contracts.events.ArtifactSnapshot;
import dev.agenticchat.contracts.events.ToolCallCompleted;
import io.micronaut.core.annotation.Nullable;

/**
 * How a tool call ended. {@code output} is exactly what the model receives as the tool
 * result; for a failure it says what went wrong, so the model can correct itself.
 * {@code artifact} is the artifact the tool created or changed (clients get it with
 * ToolCallCompleted); {@code created} tells which, since TurnCompleted lists only the
 * artifacts the turn created.
 */
public record ToolOutcome(String status, String output, @Nullable ArtifactSnapshot artifact, boolean created) {

    public static ToolOutcome completed(String output) {
        return new ToolOutcome(ToolCallCompleted.COMPLETED, output, null, false);
    }

    public static ToolOutcome created(String output, ArtifactSnapshot artifact) {
        return new ToolOutcome(ToolCallCompleted.COMPLETED, output, artifact, true);
    }

    public static ToolOutcome updated(String output, ArtifactSnapshot artifact) {
        return new ToolOutcome(ToolCallCompleted.COMPLETED, output, artifact, false);
    }

    public static ToolOutcome failed(String output) {
        return new ToolOutcome(ToolCallCompleted.FAILED, output, null, false);
    }

    /** The id of the artifact the tool created, or null. */
    @Nullable
    public String createdArtifactId() {
        return created && artifact != null ? artifact.id() : null;
    }
}
