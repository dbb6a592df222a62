package dev.agenticchat.agent.context;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

/** The {@code context_summaries} table; callers run it inside their transaction. */
@Singleton
class RunningSummaryRepository {
    private static final String FIND = """
            SELECT thread_id, tenant_id, user_id, summary, summary_tokens, covered_started_at, covered_turn_id,
                   covered_turns, model, updated_at
            FROM context_summaries WHERE thread_id = ? AND tenant_id = ? AND user_id = ?""";

    /** Replaces the stored summary only with one that covers more: a slower writer never rolls it back. */
    private static final String UPSERT = """
            INSERT INTO context_summaries (thread_id, tenant_id, user_id, summary, summary_tokens, covered_started_at,
                                           covered_turn_id, covered_turns, model, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (thread_id) DO UPDATE SET summary = EXCLUDED.summary, summary_tokens = EXCLUDED.summary_tokens,
                covered_started_at = EXCLUDED.covered_started_at, covered_turn_id = EXCLUDED.covered_turn_id,
                covered_turns = EXCLUDED.covered_turns, model = EXCLUDED.model, updated_at = EXCLUDED.updated_at
            WHERE (context_summaries.covered_started_at, context_summaries.covered_turn_id)
                  < (EXCLUDED.covered_started_at, EXCLUDED.covered_turn_id)""";

    private final JdbcOperations jdbc;

    RunningSummaryRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    Optional<RunningSummary> find(String threadId, String tenantId, String userId) {
        return jdbc.prepareStatement(FIND, statement -> {
            statement.setString(1, threadId);
            statement.setString(2, tenantId);
            statement.setString(3, userId);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new RunningSummary(rs.getString("thread_id"), rs.getString("tenant_id"),
                        rs.getString("user_id"), rs.getString("summary"), rs.getInt("summary_tokens"),
                        rs.getTimestamp("covered_started_at").toInstant(), rs.getObject("covered_turn_id", UUID.class),
                        rs.getInt("covered_turns"), rs.getString("model"), rs.getTimestamp("updated_at").toInstant()));
            }
        });
    }

    /** False when the stored summary already covers as much or more. */
    boolean save(RunningSummary summary) {
        return jdbc.prepareStatement(UPSERT, statement -> {
            statement.setString(1, summary.threadId());
            statement.setString(2, summary.tenantId());
            statement.setString(3, summary.userId());
            statement.setString(4, summary.summary());
            statement.setInt(5, summary.summaryTokens());
            statement.setTimestamp(6, Timestamp.from(summary.coveredStartedAt()));
            statement.setObject(7, summary.coveredTurnId());
            statement.setInt(8, summary.coveredTurns());
            statement.setString(9, summary.model());
            statement.setTimestamp(10, Timestamp.from(summary.updatedAt()));
            return statement.executeUpdate() == 1;
        });
    }
}
