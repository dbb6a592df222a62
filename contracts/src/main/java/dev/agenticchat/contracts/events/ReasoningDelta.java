package dev.agenticchat.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** Streamed model reasoning, for models that expose it. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReasoningDelta(String turnId, String threadId, int seq, String content) implements AgentEvent {

    public static final String TYPE = "dev.agenticchat.agent.reasoning.delta";

    @Override
    public String eventType() {
        return TYPE;
    }
}
