package dev.agenticchat.agent.budgets;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code budgets} and {@code budget_alerts} tables, and what budgets count: sums over
 * {@code llm_requests} since the start of each budget's UTC day or month, in one query per check
 * (each budget's sum a subquery on the index of its scope). Callers run it inside their transaction.
 */
@Singleton
class BudgetRepository {
    private static final String COLUMNS = """
            b.id, b.tenant_id, b.scope, b.agent_id, a.slug AS agent_slug, b.user_id, b.period, b.metric, b.limit_value,
            b.created_by, b.updated_by, b.created_at, b.updated_at""";
    private static final String FROM = """
            FROM budgets b LEFT JOIN agents a ON a.id = b.agent_id
            CROSS JOIN LATERAL (SELECT date_trunc(b.period, ?::timestamptz, 'UTC') AS start) p""";
    private static final String SPENT = "COALESCE(sum(CASE b.metric WHEN 'tokens' THEN r.input_tokens + r.output_tokens"
            + " ELSE r.cost END), 0)";

    private final JdbcOperations jdbc;

    BudgetRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The tenant's budgets that apply to a model call of this user with this agent (none: no agent
     * budget applies), each with what counts against it: the tenant's, the agent's or the user's
     * spending in the current period, and the highest threshold announced for it (for this user,
     * if it is a budget of every user).
     */
    List<BudgetSpend> applying(String tenantId, String userId, @Nullable UUID agentId, Instant now) {
        String sql = "SELECT " + COLUMNS + ", p.start, " + spentByScope("?") + """
                 AS spent,
                       (SELECT COALESCE(max(al.threshold), 0) FROM budget_alerts al WHERE al.budget_id = b.id
                          AND al.period_start = p.start
                          AND al.user_id = CASE WHEN b.scope = 'user' AND b.user_id IS NULL THEN ? ELSE '' END) AS alerted
                """ + FROM + """
                 WHERE b.tenant_id = ?
                  AND (b.scope = 'tenant' OR (b.scope = 'agent' AND b.agent_id = ?)
                       OR (b.scope = 'user' AND (b.user_id IS NULL OR b.user_id = ?)))
                ORDER BY b.created_at, b.id""";
        return jdbc.prepareStatement(sql, statement -> {
            statement.setString(1, userId);
            statement.setString(2, userId);
            statement.setTimestamp(3, Timestamp.from(now));
            statement.setString(4, tenantId);
            statement.setObject(5, agentId);
            statement.setString(6, userId);
            List<BudgetSpend> spends = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Budget budget = read(rs);
                    spends.add(new BudgetSpend(budget, rs.getTimestamp("start").toInstant(), Amounts.plain(rs.getBigDecimal("spent")),
                            budget.scope().equals(Budget.USER) ? userId : null, rs.getInt("alerted")));
                }
            }
            return spends;
        });
    }

    /** Every budget of the tenant with its spending; for a budget of every user, its top spender's. */
    List<BudgetSpend> all(String tenantId, Instant now) {
        String sql = "SELECT " + COLUMNS + ", p.start, " + spentByScope("b.user_id") + """
                 AS spent, top.user_id AS top_user_id, top.spent AS top_spent
                """ + FROM + """

                LEFT JOIN LATERAL (SELECT r.user_id, """ + SPENT + """
                 AS spent FROM llm_requests r
                    WHERE b.scope = 'user' AND b.user_id IS NULL AND r.tenant_id = b.tenant_id AND r.created_at >= p.start
                    GROUP BY r.user_id ORDER BY 2 DESC, r.user_id LIMIT 1) top ON true
                WHERE b.tenant_id = ?
                ORDER BY b.created_at, b.id""";
        return jdbc.prepareStatement(sql, statement -> {
            statement.setTimestamp(1, Timestamp.from(now));
            statement.setString(2, tenantId);
            List<BudgetSpend> spends = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Budget budget = read(rs);
                    Instant start = rs.getTimestamp("start").toInstant();
                    String topUser = rs.getString("top_user_id");
                    spends.add(budget.perUser()
                            ? new BudgetSpend(budget, start, topUser == null ? BigDecimal.ZERO : Amounts.plain(rs.getBigDecimal("top_spent")),
                                    topUser, 0)
                            : new BudgetSpend(budget, start, Amounts.plain(rs.getBigDecimal("spent")), budget.userId(), 0));
                }
            }
            return spends;
        });
    }

    Optional<Budget> find(String tenantId, UUID id) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM budgets b LEFT JOIN agents a ON a.id = b.agent_id"
                + " WHERE b.tenant_id = ? AND b.id = ? FOR UPDATE OF b", statement -> {
            statement.setString(1, tenantId);
            statement.setObject(2, id);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        });
    }

    /** False when the tenant already has a budget of this scope, subject, period and metric. */
    boolean insert(Budget budget) {
        return jdbc.prepareStatement("""
                INSERT INTO budgets (id, tenant_id, scope, agent_id, user_id, period, metric, limit_value, created_by,
                                     updated_by, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", statement -> {
            statement.setObject(1, budget.id());
            statement.setString(2, budget.tenantId());
            statement.setString(3, budget.scope());
            statement.setObject(4, budget.agentId());
            statement.setString(5, budget.userId());
            statement.setString(6, budget.period());
            statement.setString(7, budget.metric());
            statement.setBigDecimal(8, budget.limit());
            statement.setString(9, budget.createdBy());
            statement.setString(10, budget.updatedBy());
            statement.setTimestamp(11, Timestamp.from(budget.createdAt()));
            statement.setTimestamp(12, Timestamp.from(budget.updatedAt()));
            return statement.executeUpdate();
        }) == 1;
    }

    /** A new limit, and the alerts sent under the old one forgotten: 80 % of the new limit is announced afresh. */
    void updateLimit(Budget budget) {
        jdbc.prepareStatement("UPDATE budgets SET limit_value = ?, updated_by = ?, updated_at = ? WHERE id = ?", statement -> {
            statement.setBigDecimal(1, budget.limit());
            statement.setString(2, budget.updatedBy());
            statement.setTimestamp(3, Timestamp.from(budget.updatedAt()));
            statement.setObject(4, budget.id());
            return statement.executeUpdate();
        });
        jdbc.prepareStatement("DELETE FROM budget_alerts WHERE budget_id = ?", statement -> {
            statement.setObject(1, budget.id());
            return statement.executeUpdate();
        });
    }

    void delete(UUID id) {
        jdbc.prepareStatement("DELETE FROM budgets WHERE id = ?", statement -> {
            statement.setObject(1, id);
            return statement.executeUpdate();
        });
    }

    /** The agent of the tenant with this slug, active or not. */
    Optional<UUID> agentId(String tenantId, String slug) {
        return jdbc.prepareStatement("SELECT id FROM agents WHERE tenant_id = ? AND slug = ?", statement -> {
            statement.setString(1, tenantId);
            statement.setString(2, slug);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject("id", UUID.class)) : Optional.empty();
            }
        });
    }

    /** False when this threshold was already announced for the budget's period (and user): someone else sends it. */
    boolean recordAlert(BudgetSpend spend, int threshold, Instant reachedAt) {
        return jdbc.prepareStatement("""
                INSERT INTO budget_alerts (budget_id, user_id, period_start, threshold, spent, reached_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", statement -> {
            statement.setObject(1, spend.budget().id());
            statement.setString(2, spend.budget().perUser() ? spend.userId() : "");
            statement.setTimestamp(3, Timestamp.from(spend.periodStart()));
            statement.setInt(4, threshold);
            statement.setBigDecimal(5, spend.spent());
            statement.setTimestamp(6, Timestamp.from(reachedAt));
            return statement.executeUpdate();
        }) == 1;
    }

    /**
     * What counts against each budget: the tenant's, the agent's or the user's calls since the period
     * began; {@code user} is the SQL naming the user (a parameter, or the budget's own user).
     */
    private static String spentByScope(String user) {
        return "CASE b.scope"
                + " WHEN 'tenant' THEN (SELECT " + SPENT + " FROM llm_requests r WHERE r.tenant_id = b.tenant_id"
                + " AND r.created_at >= p.start)"
                + " WHEN 'agent' THEN (SELECT " + SPENT + " FROM llm_requests r WHERE r.agent_id = b.agent_id"
                + " AND r.created_at >= p.start)"
                + " ELSE (SELECT " + SPENT + " FROM llm_requests r WHERE r.tenant_id = b.tenant_id AND r.user_id = " + user
                + " AND r.created_at >= p.start) END";
    }

    private static Budget read(ResultSet rs) throws SQLException {
        return new Budget(rs.getObject("id", UUID.class), rs.getString("tenant_id"), rs.getString("scope"),
                rs.getObject("agent_id", UUID.class), rs.getString("agent_slug"), rs.getString("user_id"),
                rs.getString("period"), rs.getString("metric"), Amounts.plain(rs.getBigDecimal("limit_value")),
                rs.getString("created_by"), rs.getString("updated_by"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
