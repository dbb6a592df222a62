package dev.agenticchat.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The turn's final answer. chat-service stores it as the assistant message with id
 * {@code assistantMessageId} (chosen by the agent, so redelivery stores it once).
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TurnCompleted(
        String turnId,
        String threadId,
        String messageId,
        String assistantMessageId,
        String content,
        Usage usage,
        Cost cost,
        List<String> artifactIds,
        List<Citation> citations,
        Instant completedAt) implements AgentEvent {

    public static final String TYPE = "dev.agenticchat.agent.turn.completed";

    @Override
    public String eventType() {
        return TYPE;
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Usage(long inputTokens, long outputTokens, long totalTokens, int llmCalls) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cost(BigDecimal amount, String currency) {
    }

    /** A passage of an uploaded document the answer relies on. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Citation(String documentId, String title, @Nullable Integer page, String passage, double score) {
    }
}
