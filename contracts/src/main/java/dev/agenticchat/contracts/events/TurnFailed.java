package dev.agenticchat.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;

/** The turn ended without an answer; {@code code} is machine-readable, {@code message} is for people. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TurnFailed(String turnId, String threadId, String messageId, String code, String message,
                         Instant failedAt) implements AgentEvent {

    public static final String TYPE = "dev.agenticchat.agent.turn.failed";
    public static final String LLM_UNAVAILABLE = "llm_unavailable";
    public static final String TOO_MANY_STEPS = "too_many_steps";
    public static final String TIMEOUT = "timeout";
    public static final String INTERNAL = "internal_error";
    public static final String CANCELLED = "cancelled";
    /** The thread's agent was disabled or deleted by the tenant's admins. */
    public static final String AGENT_UNAVAILABLE = "agent_unavailable";
    /** A budget of the tenant, the agent or the user is used up for its day or month; the text streamed so far is kept. */
    public static final String BUDGET_EXCEEDED = "budget_exceeded";

    @Override
    public String eventType() {
        return TYPE;
    }
}
