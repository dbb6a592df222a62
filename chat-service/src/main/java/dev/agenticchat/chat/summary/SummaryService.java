package dev.agenticchat.chat.summary;

import dev.agenticchat.chat.thread.ThreadService;
import dev.agenticchat.contracts.events.ConversationSummarized;
import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.web.ApiProblem;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The summaries of a thread's quiet periods, as agent-service wrote them; the owner reads the latest. */
@Singleton
public class SummaryService {
    private static final Logger LOG = LoggerFactory.getLogger(SummaryService.class);

    private final JdbcOperations jdbc;
    private final ThreadService threads;
    private final JsonMapper json;

    SummaryService(JdbcOperations jdbc, ThreadService threads, JsonMapper json) {
        this.jdbc = jdbc;
        this.threads = threads;
        this.json = json;
    }

    /** Stores it once, in the owner's thread only; false when the thread is not the owner's or it is stored already. */
    @Transactional
    public boolean store(Caller owner, UUID threadId, ConversationSummarized summarized) {
        if (threads.find(owner, threadId).isEmpty()) {
            LOG.warn("A summary for thread {}, which its event's user does not own; not stored", threadId);
            return false;
        }
        String lead = write(summarized.lead());
        return jdbc.prepareStatement("""
                INSERT INTO thread_summaries (thread_id, period_end, period_start, summary, lead, message_count, summarized_at)
                VALUES (?, ?, ?, ?, ?::jsonb, ?, ?) ON CONFLICT DO NOTHING""", (PreparedStatement statement) -> {
            statement.setObject(1, threadId);
            statement.setTimestamp(2, Timestamp.from(summarized.periodEnd()));
            statement.setTimestamp(3, Timestamp.from(summarized.periodStart()));
            statement.setString(4, summarized.summary());
            statement.setString(5, lead);
            statement.setInt(6, summarized.messageCount());
            statement.setTimestamp(7, Timestamp.from(summarized.summarizedAt()));
            return statement.executeUpdate() == 1;
        });
    }

    /** The owner's thread's latest summary; 404 for another's thread or when there is none yet. */
    @Transactional(readOnly = true)
    public SummaryView latest(Caller owner, UUID threadId) {
        threads.get(owner, threadId);
        Optional<SummaryView> latest = jdbc.prepareStatement("""
                SELECT summary, lead::text, message_count, period_start, period_end, summarized_at FROM thread_summaries
                WHERE thread_id = ? ORDER BY period_end DESC LIMIT 1""", (PreparedStatement statement) -> {
            statement.setObject(1, threadId);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new SummaryView(threadId, row.getString(1), read(row.getString(2)), row.getInt(3),
                        row.getTimestamp(4).toInstant(), row.getTimestamp(5).toInstant(), row.getTimestamp(6).toInstant()));
            }
        });
        return latest.orElseThrow(() -> new ApiProblem(io.micronaut.http.HttpStatus.NOT_FOUND, "No summary yet",
                "thread " + threadId + " has no summary yet: one is written once the conversation has been quiet for a while",
                java.util.List.of()));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> read(String text) {
        try {
            return json.readValue(text, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
