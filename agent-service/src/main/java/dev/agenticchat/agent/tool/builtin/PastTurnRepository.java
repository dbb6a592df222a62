package dev.agenticchat.agent.tool.builtin;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Full-text search over one user's completed turns (V17's {@code search_vector}), best match
 * first by {@code ts_rank_cd}, the newer first among equals. The words are ORed: a turn with
 * more of them (and closer together) ranks higher, one with any of them still counts. The
 * snippets are {@code ts_headline} fragments with the matched words in **bold**.
 */
@Singleton
class PastTurnRepository {
    private static final String HEADLINE = "MaxFragments=2, MaxWords=30, MinWords=10, StartSel=**, StopSel=**";
    private static final String SEARCH = """
            SELECT thread_id, message_id, assistant_message_id, started_at,
                   ts_headline('english', left(user_content, 40000), query, '%1$s') AS question,
                   ts_headline('english', left(coalesce(assistant_content, ''), 40000), query, '%1$s') AS answer
            FROM turns, websearch_to_tsquery('english', ?) AS query
            WHERE tenant_id = ? AND user_id = ? AND status = 'completed' AND id <> ? AND search_vector @@ query
            ORDER BY ts_rank_cd(search_vector, query) DESC, started_at DESC
            LIMIT ?""".formatted(HEADLINE);

    private final JdbcOperations jdbc;

    PastTurnRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The user's turns matching any of the words, except {@code excludedTurnId} (the running
     * turn). {@code words} must be letters and digits only: they are joined into a websearch
     * query with {@code or}, and quotes or a minus would change its meaning.
     */
    @Transactional(readOnly = true)
    List<PastTurn> search(String tenantId, String userId, UUID excludedTurnId, List<String> words, int limit) {
        return jdbc.prepareStatement(SEARCH, statement -> {
            statement.setString(1, String.join(" or ", words));
            statement.setString(2, tenantId);
            statement.setString(3, userId);
            statement.setObject(4, excludedTurnId);
            statement.setInt(5, limit);
            return read(statement);
        });
    }

    private static List<PastTurn> read(PreparedStatement statement) throws SQLException {
        List<PastTurn> found = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                found.add(new PastTurn(rs.getString("thread_id"), rs.getString("message_id"),
                        rs.getString("assistant_message_id"), rs.getTimestamp("started_at").toInstant(),
                        rs.getString("question"), rs.getString("answer")));
            }
        }
        return found;
    }
}
