package dev.agenticchat.agent.budgets;

import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * A budget with what was spent against it since its current period began: for a budget of every
 * user, by {@code userId} (the user checked, or in an admin's list the top spender; null when
 * nobody spent yet). {@code alerted} is the highest threshold already announced this period (0: none).
 */
record BudgetSpend(Budget budget, Instant periodStart, BigDecimal spent, @Nullable String userId, int alerted) {
    static final int WARNING = 80;
    static final int USED_UP = 100;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    BigDecimal percent() {
        return spent.multiply(HUNDRED).divide(budget.limit(), 1, RoundingMode.HALF_UP);
    }

    boolean usedUp() {
        return spent.compareTo(budget.limit()) >= 0;
    }

    /** Whether spending reached this percent of the limit and it was not announced yet this period. */
    boolean reached(int threshold) {
        return alerted < threshold && spent.multiply(HUNDRED).compareTo(budget.limit().multiply(BigDecimal.valueOf(threshold))) >= 0;
    }

    BigDecimal remaining() {
        return budget.limit().subtract(spent).max(BigDecimal.ZERO);
    }

    /** When the next period begins: midnight UTC of the next day, or of the first of the next month. */
    Instant resetsAt() {
        ZonedDateTime start = periodStart.atZone(ZoneOffset.UTC);
        return (Budget.DAY.equals(budget.period()) ? start.plusDays(1) : start.plusMonths(1)).toInstant();
    }
}
