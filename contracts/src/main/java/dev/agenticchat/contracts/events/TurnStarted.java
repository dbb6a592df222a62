package dev.agenticchat.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** An agent worker began answering a user message. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TurnStarted(String turnId, String threadId, String messageId, String model) implements AgentEvent {

    public static final String TYPE = "dev.agenticchat.agent.turn.started";

    @Override
    public String eventType() {
        return TYPE;
    }
}
