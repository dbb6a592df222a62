package dev.agenticchat.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;
import java.util.List;

/**
 * A thread went quiet for its tenant's inactivity timeout: agent-service summarised the whole
 * conversation so far and extracted the lead profile the user disclosed. One per quiet period
 * ({@code period_start} .. {@code period_end} is the activity since the previous summary); a
 * later summary of the same thread supersedes it. Durable (outbox), key = thread id,
 * {@code tenantid}/{@code userid} of the thread's owner.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConversationSummarized(
        String threadId,
        String summary,
        Lead lead,
        int messageCount,
        Instant periodStart,
        Instant periodEnd,
        Instant summarizedAt) implements AgentEvent {

    public static final String TYPE = "dev.agenticchat.agent.conversation.summarized";

    @Override
    public String eventType() {
        return TYPE;
    }

    /** A summary is about the whole thread, not one turn. */
    @Override
    @Nullable
    public String turnId() {
        return null;
    }

    /** What the user said about themselves; a detail they did not give is absent. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Lead(@Nullable String name, @Nullable String email, @Nullable String phone, @Nullable String address,
                       List<String> productsAndServices, List<String> preferences) {

        public static final Lead EMPTY = new Lead(null, null, null, null, List.of(), List.of());
    }
}
