package dev.agenticchat.agent.budgets;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;

/**
 * A budget as an admin sends it: scope ({@code tenant}, {@code agent} with the agent's slug, or
 * {@code user} with a user id, none: every user on their own), period, metric and limit to create
 * one; only the limit to change one. Checked by {@link BudgetService}, which names every field at
 * fault in one 422 answer.
 */
@Serdeable
record BudgetFields(@Nullable String scope, @Nullable String agent, @Nullable String userId, @Nullable String period,
                    @Nullable String metric, @Nullable BigDecimal limit) {

    /** Whether it names anything a change may not touch: a budget keeps what it counts, for whom and when. */
    boolean changesMoreThanTheLimit() {
        return scope != null || agent != null || userId != null || period != null || metric != null;
    }
}
