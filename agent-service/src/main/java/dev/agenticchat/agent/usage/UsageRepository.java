package dev.agenticchat.agent.usage;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Sums of the request log ({@code llm_requests}) over a period of one tenant, optionally of some of
 * its users only, per group. Agents are told by their slug and current name, read from the
 * agents table (a deleted agent's calls keep its id, not its name); calls without an agent
 * (summaries) are one group with a null key.
 */
@Singleton
class UsageRepository {
    private static final String SUMS = """
            count(*) AS requests, coalesce(sum(r.input_tokens), 0) AS input_tokens,
            coalesce(sum(r.output_tokens), 0) AS output_tokens, coalesce(sum(r.cost), 0) AS cost""";
    private static final String FILTER = "r.tenant_id = ? AND r.created_at >= ? AND r.created_at < ?";
    private static final String OF_USERS = " AND r.user_id = ANY (?)";
    private static final String PER_AGENT = """
            SELECT g.agent_id::text AS agent_id, a.slug, v.name, g.requests, g.input_tokens, g.output_tokens, g.cost
            FROM (SELECT r.agent_id, %s FROM llm_requests r WHERE %s GROUP BY r.agent_id) g
            LEFT JOIN agents a ON a.id = g.agent_id
            LEFT JOIN agent_versions v ON v.agent_id = a.id AND v.version = a.current_version""";
    private static final String PER_KEY = "SELECT %s AS key, %s FROM llm_requests r WHERE %s GROUP BY 1";

    /** One group's sums; for agents, its id, slug and name (slug and name null: the agent was deleted). */
    record Sums(@Nullable String key, @Nullable String agentSlug, @Nullable String agentName, long requests,
                long inputTokens, long outputTokens, BigDecimal cost) {
    }

    private final JdbcOperations jdbc;

    UsageRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code userIds} null: every user of the tenant. */
    List<Sums> sums(String tenantId, @Nullable List<String> userIds, Instant from, Instant to, GroupBy groupBy) {
        String filter = FILTER + (userIds == null ? "" : OF_USERS);
        String sql = groupBy == GroupBy.AGENT ? PER_AGENT.formatted(SUMS, filter) : PER_KEY.formatted(key(groupBy), SUMS, filter);
        return jdbc.prepareStatement(sql, statement -> {
            statement.setString(1, tenantId);
            statement.setTimestamp(2, Timestamp.from(from));
            statement.setTimestamp(3, Timestamp.from(to));
            if (userIds != null) {
                Array users = statement.getConnection().createArrayOf("text", userIds.toArray());
                statement.setArray(4, users);
            }
            List<Sums> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    boolean perAgent = groupBy == GroupBy.AGENT;
                    rows.add(new Sums(rs.getString(perAgent ? "agent_id" : "key"), perAgent ? rs.getString("slug") : null,
                            perAgent ? rs.getString("name") : null, rs.getLong("requests"), rs.getLong("input_tokens"),
                            rs.getLong("output_tokens"), rs.getBigDecimal("cost")));
                }
            }
            return rows;
        });
    }

    /** Calls from before providers were recorded (V10) were all to the OpenAI-compatible endpoint. */
    private static String key(GroupBy groupBy) {
        switch (groupBy) {
            case MODEL:
                return "coalesce(r.provider, 'openai') || '/' || r.model";
            case USER:
                return "r.user_id";
            case DAY:
                return "to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')";
            default:
                throw new IllegalArgumentException("no key column for " + groupBy);
        }
    }
}
