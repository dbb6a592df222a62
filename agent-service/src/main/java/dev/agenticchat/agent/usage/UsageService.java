package dev.agenticchat.agent.usage;

import dev.agenticchat.agent.llm.Pricing;
import dev.agenticchat.agent.llm.UnitPrices;
import dev.agenticchat.support.security.Caller;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Usage of the model: what the request log holds for the caller's tenant, of every user for its
 * tenant admins, of the caller alone (with the sessions just linked into them) for everyone else,
 * visitors included: an anonymous session owns its calls as it owns its threads. Groups are
 * ordered by cost, most first; days in calendar order, every day of the period, empty ones too.
 * Calls without an agent (conversation summaries) are the group {@value #NO_AGENT_KEY}; a
 * deleted agent's calls are keyed by its id.
 */
@Singleton
class UsageService {
    static final String NO_AGENT_KEY = "(none)";
    static final String NO_AGENT_NAME = "no agent";
    static final String DELETED_AGENT_NAME = "deleted agent";
    private static final Comparator<UsageReport.Group> MOST_COSTLY_FIRST = Comparator
            .comparing(UsageReport.Group::cost).reversed()
            .thenComparing(Comparator.comparingLong(UsageReport.Group::requests).reversed())
            .thenComparing(UsageReport.Group::key);

    private final UsageRepository repository;

    UsageService(UsageRepository repository) {
        this.repository = repository;
    }

    @Transactional
    UsageReport report(Caller caller, UsageQuery query) {
        List<String> users = caller.isTenantAdmin() ? null : caller.readsAs();
        List<UsageRepository.Sums> rows = repository.sums(caller.tenantId(), users, query.from(), query.to(), query.groupBy());
        List<UsageReport.Group> groups = new ArrayList<>(rows.stream().map(row -> group(row, query.groupBy())).toList());
        if (query.groupBy() == GroupBy.DAY) {
            groups = everyDay(query, groups);
        } else {
            groups.sort(MOST_COSTLY_FIRST);
        }
        return new UsageReport(query.from(), query.to(), query.groupBy().parameter(), Pricing.CURRENCY, List.copyOf(groups),
                totals(groups));
    }

    private static UsageReport.Group group(UsageRepository.Sums row, GroupBy groupBy) {
        String key = row.key();
        String name = null;
        if (groupBy == GroupBy.AGENT) {
            key = row.key() == null ? NO_AGENT_KEY : row.agentSlug() != null ? row.agentSlug() : row.key();
            name = row.key() == null ? NO_AGENT_NAME : row.agentSlug() != null ? row.agentName() : DELETED_AGENT_NAME;
        }
        return new UsageReport.Group(key, name, row.requests(), row.inputTokens(), row.outputTokens(),
                row.inputTokens() + row.outputTokens(), UnitPrices.plain(row.cost()));
    }

    private static List<UsageReport.Group> everyDay(UsageQuery query, List<UsageReport.Group> groups) {
        Map<String, UsageReport.Group> byDay = new HashMap<>();
        groups.forEach(group -> byDay.put(group.key(), group));
        List<UsageReport.Group> days = new ArrayList<>();
        for (LocalDate day : query.days()) {
            days.add(byDay.getOrDefault(day.toString(), new UsageReport.Group(day.toString(), null, 0, 0, 0, 0, BigDecimal.ZERO)));
        }
        return days;
    }

    private static UsageReport.Totals totals(List<UsageReport.Group> groups) {
        long requests = 0;
        long input = 0;
        long output = 0;
        BigDecimal cost = BigDecimal.ZERO;
        for (UsageReport.Group group : groups) {
            requests += group.requests();
            input += group.inputTokens();
            output += group.outputTokens();
            cost = cost.add(group.cost());
        }
        return new UsageReport.Totals(requests, input, output, input + output, UnitPrices.plain(cost));
    }
}
