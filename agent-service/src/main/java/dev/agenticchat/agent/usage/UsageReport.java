package dev.agenticchat.agent.usage;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/usage}: the model calls of a period ({@code to} exclusive) per group, and their
 * totals. Every call counts, failed ones (no tokens, no cost) too; cost in {@code currency}.
 */
@Serdeable
record UsageReport(Instant from, Instant to, String groupBy, String currency, List<Group> groups, Totals totals) {

    /** One agent, model, user or day; {@code name} for agents only. */
    @Serdeable
    record Group(String key, @Nullable String name, long requests, long inputTokens, long outputTokens, long totalTokens,
                 BigDecimal cost) {
    }

    @Serdeable
    record Totals(long requests, long inputTokens, long outputTokens, long totalTokens, BigDecimal cost) {
    }
}
