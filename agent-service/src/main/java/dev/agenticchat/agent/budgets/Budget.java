package dev.agenticchat.agent.budgets;

import dev.agenticchat.contracts.events.BudgetThresholdReached;
import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A limit on what a tenant's model calls spend in a UTC day or month: tokens (input plus output)
 * or cost (USD), for the whole tenant, one agent ({@code agentId}, with its slug for people), or
 * users ({@code userId}: that user; null: every user of the tenant, each on their own).
 */
record Budget(UUID id, String tenantId, String scope, @Nullable UUID agentId, @Nullable String agentSlug,
              @Nullable String userId, String period, String metric, BigDecimal limit, @Nullable String createdBy,
              @Nullable String updatedBy, Instant createdAt, Instant updatedAt) {
    static final String TENANT = BudgetThresholdReached.TENANT;
    static final String AGENT = BudgetThresholdReached.AGENT;
    static final String USER = BudgetThresholdReached.USER;
    static final Set<String> SCOPES = Set.of(TENANT, AGENT, USER);
    static final String DAY = "day";
    static final String MONTH = "month";
    static final Set<String> PERIODS = Set.of(DAY, MONTH);
    static final String TOKENS = "tokens";
    static final String COST = "cost";
    static final Set<String> METRICS = Set.of(TOKENS, COST);

    /** A budget of every user of the tenant: each user's spending is counted and alerted on its own. */
    boolean perUser() {
        return USER.equals(scope) && userId == null;
    }

    Budget withLimit(BigDecimal newLimit, String by, Instant at) {
        return new Budget(id, tenantId, scope, agentId, agentSlug, userId, period, metric, newLimit, createdBy, by,
                createdAt, at);
    }
}
