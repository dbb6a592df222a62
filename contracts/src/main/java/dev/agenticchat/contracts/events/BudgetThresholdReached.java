package dev.agenticchat.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * What a budget counts (tokens, or cost in USD) reached 80 % or 100 % of its limit in one period
 * (a UTC day or month); sent once per budget, period and threshold (per user, for a budget of every
 * user). At 100 % the budget's turns are refused until the period ends. {@code agentId} and
 * {@code agentSlug} are set for an agent's budget, {@code userId} for a user's (a named user, or
 * the user of a budget that applies to each user on their own).
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BudgetThresholdReached(String budgetId, String tenantId, String scope, @Nullable String agentId,
                                     @Nullable String agentSlug, @Nullable String userId, String period,
                                     Instant periodStart, String metric, BigDecimal limit, BigDecimal spent,
                                     int threshold, Instant reachedAt) implements BudgetEvent {

    public static final String TYPE = "dev.agenticchat.agent.budget.threshold_reached";
    /** Everything the tenant's agents spend. */
    public static final String TENANT = "tenant";
    /** What one agent spends. */
    public static final String AGENT = "agent";
    /** What one user spends (a named user, or each user of the tenant on their own). */
    public static final String USER = "user";

    @Override
    public String eventType() {
        return TYPE;
    }
}
