package dev.agenticchat.agent.budgets;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A budget as its callers see it, with what was spent in its current period. Tenant admins see
 * each budget with its subject and who set it; for a budget of every user ({@code every_user}),
 * {@code spent} and {@code percent} are its top spender's ({@code top_user_id}, absent while nobody
 * spent), since each user is held to it alone.
 * A user sees the budgets that hold them, with their own spending only.
 */
final class BudgetView {
    private BudgetView() {
    }

    @Serdeable
    record Full(String id, String scope, @Nullable String agent, @Nullable String userId, boolean everyUser,
                String period, String metric, BigDecimal limit, BigDecimal spent, BigDecimal percent,
                @Nullable String topUserId,
                Instant periodStart, Instant resetsAt, @Nullable String createdBy, @Nullable String updatedBy,
                Instant createdAt, Instant updatedAt) {

        static Full of(BudgetSpend spend) {
            Budget budget = spend.budget();
            return new Full(budget.id().toString(), budget.scope(), budget.agentSlug(), budget.userId(), budget.perUser(),
                    budget.period(), budget.metric(), budget.limit(), spend.spent(), spend.percent(),
                    budget.perUser() ? spend.userId() : null, spend.periodStart(),
                    spend.resetsAt(), budget.createdBy(), budget.updatedBy(), budget.createdAt(), budget.updatedAt());
        }
    }

    @Serdeable
    record Own(String id, boolean everyUser, String period, String metric, BigDecimal limit, BigDecimal spent,
               BigDecimal percent, Instant periodStart, Instant resetsAt) {

        static Own of(BudgetSpend spend) {
            Budget budget = spend.budget();
            return new Own(budget.id().toString(), budget.perUser(), budget.period(), budget.metric(), budget.limit(),
                    spend.spent(), spend.percent(), spend.periodStart(), spend.resetsAt());
        }
    }
}
