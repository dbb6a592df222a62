package dev.agenticchat.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** The model asked for a tool; {@code input} is the raw JSON arguments the model produced. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolCallStarted(String turnId, String threadId, String toolCallId, String toolName, String input)
        implements AgentEvent {

    public static final String TYPE = "dev.agenticchat.agent.tool_call.started";

    @Override
    public String eventType() {
        return TYPE;
    }
}
