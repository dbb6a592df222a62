package dev.agenticchat.agent.budgets;

import dev.agenticchat.agent.agents.AgentService;
import dev.agenticchat.agent.audit.AuditService;
import dev.agenticchat.agent.audit.AuditTypes;
import dev.agenticchat.agent.llm.Pricing;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.BudgetThresholdReached;
import dev.agenticchat.support.events.EventContext;
import dev.agenticchat.support.outbox.Outbox;
import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * A tenant's budgets: tenant admins set, change (the limit) and remove them and see what each has
 * spent this period; every user sees the budgets that hold them with their own spending. Turns
 * check them ({@link TurnBudget}); a check that finds a budget's spending past 80 % or 100 % for
 * the first time in its period records the alert and announces it as
 * {@link BudgetThresholdReached} on {@code agent.budgets.v1}, through the outbox in the same
 * transaction, so concurrent turns and replicas send each alert once.
 */
@Singleton
public class BudgetService {
    private static final int[] THRESHOLDS = {BudgetSpend.WARNING, BudgetSpend.USED_UP};
    /** What NUMERIC(24, 10) holds. */
    private static final BigDecimal MAX_LIMIT = new BigDecimal("100000000000000");
    private static final int MAX_USER_ID = 200;
    private static final DateTimeFormatter MONTH_START = DateTimeFormatter.ofPattern("d MMMM", Locale.ENGLISH);

    private final BudgetRepository budgets;
    private final AgentService agents;
    private final Outbox outbox;
    private final Pricing pricing;
    private final AuditService audit;

    BudgetService(BudgetRepository budgets, AgentService agents, Outbox outbox, Pricing pricing, AuditService audit) {
        this.audit = audit;
        this.budgets = budgets;
        this.agents = agents;
        this.outbox = outbox;
        this.pricing = pricing;
    }

    /** The audit log's note of a turn a budget stopped (the user was told {@code message}). */
    public void recordStopped(String tenantId, String userId, UUID agentId, String agentSlug, String threadId, UUID turnId,
                              String message) {
        audit.record(tenantId, AuditTypes.BUDGET_EXCEEDED, agentId, agentSlug, null, "stopped a turn: " + message,
                Map.of("user_id", userId, "thread_id", threadId, "turn_id", turnId.toString()));
    }

    /** The budgets a turn of this user with this agent is held to; nothing is read until it is checked. */
    public TurnBudget forTurn(String tenantId, String userId, UUID agentId) {
        return new TurnBudget(this, pricing, tenantId, userId, agentId);
    }

    /** What the budgets of a model call have spent (the calls logged so far included), announcing thresholds crossed. */
    @Transactional
    List<BudgetSpend> check(String tenantId, String userId, @Nullable UUID agentId) {
        Instant now = now();
        List<BudgetSpend> spends = budgets.applying(tenantId, userId, agentId, now);
        for (BudgetSpend spend : spends) {
            for (int threshold : THRESHOLDS) {
                if (spend.reached(threshold) && budgets.recordAlert(spend, threshold, now)) {
                    announce(spend, threshold, now);
                }
            }
        }
        return spends;
    }

    @Transactional
    List<BudgetSpend> list(Caller caller) {
        caller.requireTenantAdmin("The tenant's budgets");
        return budgets.all(caller.tenantId(), now());
    }

    /** The budgets of the caller as a user (theirs by name, or every user's), with their own spending. */
    @Transactional
    List<BudgetSpend> mine(Caller caller) {
        return budgets.applying(caller.tenantId(), caller.userId(), null, now()).stream()
                .filter(spend -> Budget.USER.equals(spend.budget().scope())).toList();
    }

    @Transactional
    BudgetSpend create(Caller caller, BudgetFields fields) {
        caller.requireTenantAdmin("Setting a budget");
        List<Problem.FieldError> errors = new ArrayList<>();
        String scope = oneOf(fields.scope(), Budget.SCOPES, "scope", errors);
        String period = oneOf(fields.period(), Budget.PERIODS, "period", errors);
        String metric = oneOf(fields.metric(), Budget.METRICS, "metric", errors);
        checkLimit(fields.limit(), metric, errors);
        UUID agentId = null;
        String userId = null;
        if (Budget.TENANT.equals(scope)) {
            forbid(fields.agent(), "agent", "a tenant budget", errors);
            forbid(fields.userId(), "user_id", "a tenant budget", errors);
        } else if (Budget.AGENT.equals(scope)) {
            forbid(fields.userId(), "user_id", "an agent budget", errors);
            agentId = agent(caller.tenantId(), fields.agent(), errors);
        } else if (Budget.USER.equals(scope)) {
            forbid(fields.agent(), "agent", "a user budget", errors);
            userId = user(fields.userId(), errors);
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        Instant now = now();
        Budget budget = new Budget(UUID.randomUUID(), caller.tenantId(), scope, agentId, null, userId, period, metric,
                Amounts.plain(fields.limit()), caller.userId(), caller.userId(), now, now);
        if (!budgets.insert(budget)) {
            String detail = "the tenant already has a " + period + " " + metric + " budget for this " + scope
                    + "; change its limit instead";
            throw new ApiProblem(HttpStatus.CONFLICT, "Budget exists", detail, List.of(new Problem.FieldError("scope", detail)));
        }
        return spendOf(caller.tenantId(), budget.id(), now);
    }

    /** Only the limit changes; the alerts of the old limit are forgotten. */
    @Transactional
    BudgetSpend update(Caller caller, String id, BudgetFields change) {
        caller.requireTenantAdmin("Changing a budget");
        Budget current = budgets.find(caller.tenantId(), parse(id)).orElseThrow(() -> ApiProblem.notFound("budget " + id));
        List<Problem.FieldError> errors = new ArrayList<>();
        if (change.changesMoreThanTheLimit()) {
            errors.add(new Problem.FieldError(firstNamed(change),
                    "a budget keeps its scope, subject, period and metric; set another budget instead"));
        }
        checkLimit(change.limit(), current.metric(), errors);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        Instant now = now();
        budgets.updateLimit(current.withLimit(Amounts.plain(change.limit()), caller.userId(), now));
        return spendOf(caller.tenantId(), current.id(), now);
    }

    @Transactional
    void delete(Caller caller, String id) {
        caller.requireTenantAdmin("Removing a budget");
        Budget current = budgets.find(caller.tenantId(), parse(id)).orElseThrow(() -> ApiProblem.notFound("budget " + id));
        budgets.delete(current.id());
    }

    /** For the user whose turn it stops: which budget, and when it resets. */
    static String usedUp(BudgetSpend spend) {
        Budget budget = spend.budget();
        String period = Budget.DAY.equals(budget.period()) ? "daily" : "monthly";
        String amount = period + " budget of " + Amounts.describe(budget.limit(), budget.metric());
        String what = switch (budget.scope()) {
            case Budget.USER -> "Your " + amount;
            case Budget.AGENT -> "The " + amount + " for the agent " + budget.agentSlug();
            default -> "Your organisation's " + amount;
        };
        String resets = Budget.DAY.equals(budget.period()) ? "at 00:00 UTC"
                : "on " + MONTH_START.format(spend.resetsAt().atZone(ZoneOffset.UTC)) + " at 00:00 UTC";
        return what + " is used up; it resets " + resets + ".";
    }

    private void announce(BudgetSpend spend, int threshold, Instant now) {
        Budget budget = spend.budget();
        String userId = Budget.USER.equals(budget.scope()) ? spend.userId() : null;
        BudgetThresholdReached event = new BudgetThresholdReached(budget.id().toString(), budget.tenantId(), budget.scope(),
                budget.agentId() == null ? null : budget.agentId().toString(), budget.agentSlug(), userId, budget.period(),
                spend.periodStart(), budget.metric(), budget.limit(), spend.spent(), threshold, now);
        outbox.append(Topics.AGENT_BUDGETS, event, new EventContext(budget.tenantId(), userId, null, budget.tenantId()));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("budget_id", budget.id().toString());
        details.put("scope", budget.scope());
        details.put("period", budget.period());
        details.put("period_start", spend.periodStart().toString());
        details.put("metric", budget.metric());
        details.put("limit", budget.limit());
        details.put("spent", spend.spent());
        details.put("threshold", threshold);
        if (userId != null) {
            details.put("user_id", userId);
        }
        String period = Budget.DAY.equals(budget.period()) ? "daily" : "monthly";
        audit.record(budget.tenantId(), AuditTypes.BUDGET_THRESHOLD, budget.agentId(), budget.agentSlug(), null,
                threshold + " % of the " + period + " " + budget.scope() + " budget of "
                        + Amounts.describe(budget.limit(), budget.metric()) + " used", details);
    }

    private BudgetSpend spendOf(String tenantId, UUID id, Instant now) {
        return budgets.all(tenantId, now).stream().filter(spend -> spend.budget().id().equals(id)).findFirst().orElseThrow();
    }

    @Nullable
    private UUID agent(String tenantId, @Nullable String slug, List<Problem.FieldError> errors) {
        if (slug == null || slug.isBlank()) {
            errors.add(new Problem.FieldError("agent", "is required for an agent budget: the agent's slug"));
            return null;
        }
        if (AgentService.DEFAULT_SLUG.equals(slug)) {
            // The default agent is written the first time the tenant needs it: it may not be there yet.
            agents.forTurn(tenantId, slug);
        }
        UUID id = budgets.agentId(tenantId, slug).orElse(null);
        if (id == null) {
            errors.add(new Problem.FieldError("agent", "the tenant has no agent " + slug));
        }
        return id;
    }

    /** Null: every user of the tenant. */
    @Nullable
    private static String user(@Nullable String userId, List<Problem.FieldError> errors) {
        if (userId == null) {
            return null;
        }
        if (userId.isBlank() || userId.length() > MAX_USER_ID || userId.indexOf('\u0000') >= 0) {
            errors.add(new Problem.FieldError("user_id", "must be a user id (1-" + MAX_USER_ID
                    + " characters), or left out for every user"));
        }
        return userId;
    }

    private static void checkLimit(@Nullable BigDecimal limit, @Nullable String metric, List<Problem.FieldError> errors) {
        if (limit == null) {
            errors.add(new Problem.FieldError("limit", "is required"));
        } else if (limit.signum() <= 0) {
            errors.add(new Problem.FieldError("limit", "must be more than 0"));
        } else if (limit.compareTo(MAX_LIMIT) >= 0 || Amounts.plain(limit).scale() > 10) {
            errors.add(new Problem.FieldError("limit", "must be below 10^14 with at most 10 decimals"));
        } else if (Budget.TOKENS.equals(metric) && Amounts.plain(limit).scale() > 0) {
            errors.add(new Problem.FieldError("limit", "must be a whole number of tokens"));
        }
    }

    @Nullable
    private static String oneOf(@Nullable String value, Set<String> allowed, String field, List<Problem.FieldError> errors) {
        if (value == null || !allowed.contains(value)) {
            errors.add(new Problem.FieldError(field, "must be one of " + allowed.stream().sorted().toList()));
            return null;
        }
        return value;
    }

    private static void forbid(@Nullable String value, String field, String what, List<Problem.FieldError> errors) {
        if (value != null) {
            errors.add(new Problem.FieldError(field, "must not be given for " + what));
        }
    }

    private static String firstNamed(BudgetFields change) {
        if (change.scope() != null) {
            return "scope";
        }
        if (change.agent() != null) {
            return "agent";
        }
        if (change.userId() != null) {
            return "user_id";
        }
        return change.period() != null ? "period" : "metric";
    }

    private static ApiProblem invalid(List<Problem.FieldError> errors) {
        String detail = errors.stream().map(e -> e.field() + " " + e.message()).reduce((a, b) -> a + "; " + b).orElseThrow();
        return new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid budget", detail, errors);
    }

    /** Another tenant's budget, or no budget at all: the same 404, so ids reveal nothing. */
    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound("budget " + id);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
