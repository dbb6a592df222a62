package dev.agenticchat.chat.feedback;

import dev.agenticchat.chat.thread.ThreadService;
import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.web.ApiProblem;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/** Ratings of assistant messages, by the owner of their thread only; rating again replaces the rating. */
@Singleton
class FeedbackService {
    private final JdbcOperations jdbc;
    private final ThreadService threads;

    FeedbackService(JdbcOperations jdbc, ThreadService threads) {
        this.jdbc = jdbc;
        this.threads = threads;
    }

    /** All or nothing: a message that is not an answer in this thread (of the caller's) refuses the lot with 404. */
    @Transactional
    void rate(Caller owner, UUID threadId, List<UUID> messageIds, String kind) {
        threads.get(owner, threadId);
        Timestamp now = Timestamp.from(ThreadService.now());
        for (UUID messageId : new LinkedHashSet<>(messageIds)) {
            boolean rated = jdbc.prepareStatement("""
                    INSERT INTO message_feedback (message_id, thread_id, kind, rated_at)
                    SELECT id, thread_id, ?, ? FROM messages WHERE id = ? AND thread_id = ? AND role = 'assistant'
                    ON CONFLICT (message_id) DO UPDATE SET kind = EXCLUDED.kind, rated_at = EXCLUDED.rated_at""",
                    (PreparedStatement statement) -> {
                        statement.setString(1, kind);
                        statement.setTimestamp(2, now);
                        statement.setObject(3, messageId);
                        statement.setObject(4, threadId);
                        return statement.executeUpdate() == 1;
                    });
            if (!rated) {
                throw ApiProblem.notFound("answer " + messageId + " in thread " + threadId);
            }
        }
    }

    @Transactional(readOnly = true)
    List<FeedbackView> list(Caller owner, UUID threadId) {
        threads.get(owner, threadId);
        return jdbc.prepareStatement("SELECT message_id, kind, rated_at FROM message_feedback WHERE thread_id = ? ORDER BY rated_at",
                (PreparedStatement statement) -> {
                    statement.setObject(1, threadId);
                    List<FeedbackView> views = new ArrayList<>();
                    try (ResultSet row = statement.executeQuery()) {
                        while (row.next()) {
                            views.add(new FeedbackView(row.getObject(1, UUID.class), row.getString(2), row.getTimestamp(3).toInstant()));
                        }
                    }
                    return views;
                });
    }
}
