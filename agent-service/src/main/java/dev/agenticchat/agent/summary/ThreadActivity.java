package dev.agenticchat.agent.summary;

import dev.agenticchat.contracts.events.MessagePosted;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Notes when each thread last had a message: a user message the worker receives, and the end of
 * the turn answering it. A message after the thread's latest summary opens a new period, which
 * gets a summary of its own once the thread is quiet again. Nothing is noted while summaries
 * are disabled.
 */
@Singleton
public class ThreadActivity {
    /**
     * Keeps the latest moment (a redelivered message cannot move it back, nor reopen a summarised
     * period: its time is not after the summary's end) and starts a new period when the previous
     * one is summarised. A thread with a new message is no longer waiting out a failure's backoff.
     */
    private static final String UPSERT = """
            INSERT INTO thread_activity (thread_id, tenant_id, user_id, period_start, last_message_at)
            VALUES (?, ?, ?, COALESCE(?, now()), COALESCE(?, now()))
            ON CONFLICT (thread_id) DO UPDATE SET
                period_start = CASE WHEN thread_activity.summarized_through IS NOT NULL
                                         AND thread_activity.last_message_at <= thread_activity.summarized_through
                                         AND EXCLUDED.last_message_at > thread_activity.summarized_through
                                    THEN EXCLUDED.last_message_at ELSE thread_activity.period_start END,
                last_message_at = GREATEST(thread_activity.last_message_at, EXCLUDED.last_message_at),
                attempts = CASE WHEN EXCLUDED.last_message_at > thread_activity.last_message_at
                                THEN 0 ELSE thread_activity.attempts END,
                retry_at = CASE WHEN EXCLUDED.last_message_at > thread_activity.last_message_at
                                THEN NULL ELSE thread_activity.retry_at END""";

    private final JdbcOperations jdbc;
    private final boolean enabled;

    ThreadActivity(JdbcOperations jdbc, SummarySettings settings) {
        this.jdbc = jdbc;
        this.enabled = settings.isEnabled();
    }

    /**
     * A user message, at the time chat-service stored it, in the thread of {@code owner} (whom its
     * sender was linked to); joins the caller's transaction (the turn's claim), which has resolved
     * the owner already.
     */
    @Transactional
    public void messagePosted(MessagePosted message, String owner) {
        if (enabled) {
            upsert(message.threadId(), message.tenantId(), owner,
                    message.createdAt() == null ? null : message.createdAt().truncatedTo(ChronoUnit.MICROS));
        }
    }

    /**
     * The agent answered (or gave up on) a message of the thread just now; joins the caller's
     * transaction, which has resolved the owner already.
     */
    @Transactional
    public void turnEnded(String threadId, String tenantId, String userId) {
        if (enabled) {
            upsert(threadId, tenantId, userId, null);
        }
    }

    private void upsert(String threadId, String tenantId, String userId, Instant at) {
        Timestamp timestamp = at == null ? null : Timestamp.from(at);
        jdbc.prepareStatement(UPSERT, statement -> {
            statement.setString(1, threadId);
            statement.setString(2, tenantId);
            statement.setString(3, userId);
            statement.setTimestamp(4, timestamp);
            statement.setTimestamp(5, timestamp);
            return statement.executeUpdate();
        });
    }
}
