package dev.agenticchat.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** Streamed assistant text, coalesced over a few tens of ms; {@code seq} orders deltas within a turn. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TextDelta(String turnId, String threadId, int seq, String delta) implements AgentEvent {

    public static final String TYPE = "dev.agenticchat.agent.text.delta";

    @Override
    public String eventType() {
        return TYPE;
    }
}
