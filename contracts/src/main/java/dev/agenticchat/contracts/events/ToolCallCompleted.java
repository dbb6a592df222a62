package dev.agenticchat.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * A tool finished. {@code status} is {@code completed} or {@code failed}; {@code output}
 * is what the model receives as the tool result (for a validation failure, the reason).
 * When the tool created an artifact, {@code artifact} carries it: travelling on the turn's
 * own partition it reaches clients before the turn's answer, which artifact-service's
 * {@code ArtifactCreated} (another topic) cannot promise.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolCallCompleted(String turnId, String threadId, String toolCallId, String toolName, String status,
                                String output, @Nullable ArtifactSnapshot artifact) implements AgentEvent {

    public static final String TYPE = "dev.agenticchat.agent.tool_call.completed";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    @Override
    public String eventType() {
        return TYPE;
    }
}
