package dev.agenticchat.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * The user asked to stop the running turn of a thread. With {@code turnId} only that turn
 * stops (a stop pressed as a turn ends must not stop the next one); without it, whatever
 * turn of the thread runs.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CancelTurn(String threadId, @Nullable String turnId) implements AgentCommand {

    public static final String TYPE = "dev.agenticchat.agent.turn.cancel_requested";

    @Override
    public String eventType() {
        return TYPE;
    }
}
