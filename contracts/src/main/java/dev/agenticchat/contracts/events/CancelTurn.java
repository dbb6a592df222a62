package dev.agenticchat.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** The user asked to stop the running turn of a thread. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CancelTurn(String threadId) implements AgentCommand {

    public static final String TYPE = "dev.agenticchat.agent.turn.cancel_requested";

    @Override
    public String eventType() {
        return TYPE;
    }
}
