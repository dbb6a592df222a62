package dev.agenticchat.agent.budgets;

import dev.agenticchat.agent.Interruptions;
import dev.agenticchat.agent.llm.ModelTarget;
import dev.agenticchat.agent.llm.Pricing;
import dev.agenticchat.agent.llm.SpendLimit;
import dev.agenticchat.support.db.TransientDatabase;
import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The budgets one turn is held to. The turn checks them before its first model call and after each
 * one, one query each time that also sees the calls the turn has logged; while a call streams, its
 * estimated spending is compared with what the last check left ({@link #allowance()}), with no
 * query per token.
 */
public final class TurnBudget {
    private static final Logger LOG = LoggerFactory.getLogger(TurnBudget.class);

    private final BudgetService budgets;
    private final Pricing pricing;
    private final String tenantId;
    private final String userId;
    private final UUID agentId;
    private List<BudgetSpend> spends = List.of();

    TurnBudget(BudgetService budgets, Pricing pricing, String tenantId, String userId, UUID agentId) {
        this.budgets = budgets;
        this.pricing = pricing;
        this.tenantId = tenantId;
        this.userId = userId;
        this.agentId = agentId;
    }

    /** Reads what the budgets have spent and announces the thresholds crossed since the last look. */
    public void refresh() {
        spends = TransientDatabase.retry("checking the budgets of a turn", () -> budgets.check(tenantId, userId, agentId));
    }

    /** Refreshes, then fails if a budget is used up. */
    public void check() throws BudgetExceededException {
        refresh();
        requireWithin();
    }

    /** Fails if a budget was used up at the last refresh. */
    public void requireWithin() throws BudgetExceededException {
        for (BudgetSpend spend : spends) {
            if (spend.usedUp()) {
                throw new BudgetExceededException(BudgetService.usedUp(spend));
            }
        }
    }

    /** What the next model call may spend: the least that any budget of each metric has left. */
    public SpendLimit allowance() {
        long tokens = Long.MAX_VALUE;
        BigDecimal cost = null;
        for (BudgetSpend spend : spends) {
            if (Budget.TOKENS.equals(spend.budget().metric())) {
                tokens = Math.min(tokens, spend.remaining().longValue());
            } else {
                cost = cost == null ? spend.remaining() : cost.min(spend.remaining());
            }
        }
        return spends.isEmpty() ? SpendLimit.NONE : new Allowance(tokens, cost, pricing);
    }

    /**
     * Why a call was stopped mid-stream: the budget used up once the stopped call is counted (its
     * estimated tokens are in the log), announced like any other; if it cannot be read, the budget
     * that was closest to its limit.
     */
    public BudgetExceededException stoppedMidStream() throws InterruptedException {
        List<BudgetSpend> before = spends;
        try {
            refresh();
        } catch (RuntimeException e) {
            Interruptions.propagate(e);
            LOG.warn("could not read the budgets of tenant {} after stopping a call: {}", tenantId, e.toString());
        }
        List<BudgetSpend> known = spends.isEmpty() ? before : spends;
        BudgetSpend reason = known.stream().filter(BudgetSpend::usedUp).findFirst()
                .orElseGet(() -> known.stream().max(Comparator.comparing(BudgetSpend::percent)).orElseThrow());
        return new BudgetExceededException(BudgetService.usedUp(reason));
    }

    /** Remaining tokens, and remaining USD at the answering model's prices (null: no cost budget). */
    private record Allowance(long tokens, @Nullable BigDecimal cost, Pricing pricing) implements SpendLimit {
        @Override
        public boolean exceededBy(ModelTarget target, long inputTokens, long outputTokens) {
            return inputTokens + outputTokens >= tokens
                    || (cost != null && pricing.of(target).cost(inputTokens, outputTokens).compareTo(cost) >= 0);
        }
    }
}
