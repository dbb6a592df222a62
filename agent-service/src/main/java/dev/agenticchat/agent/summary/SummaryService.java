package dev.agenticchat.agent.summary;

import dev.agenticchat.agent.StoredText;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.ConversationSummarized;
import dev.agenticchat.support.events.EventContext;
import dev.agenticchat.support.outbox.Outbox;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The database side of summaries: which threads are due, claiming them (each claim a short
 * transaction that locks with SKIP LOCKED, so concurrent workers never take the same thread,
 * and leaves a lease behind, so a crashed worker's claim expires), the transcript, and storing
 * a summary together with its ConversationSummarized event.
 */
@Singleton
class SummaryService {
    private static final String PENDING = "(a.summarized_through IS NULL OR a.last_message_at > a.summarized_through)";
    private static final String CLAIMABLE = PENDING + " " + """
             AND (a.claimed_until IS NULL OR a.claimed_until < now())
             AND (a.retry_at IS NULL OR a.retry_at <= now())""";

    private static final String PENDING_TENANTS = """
            SELECT a.tenant_id, min(a.user_id) AS user_id, min(a.last_message_at) AS oldest, now() AS db_now
            FROM thread_activity a
            WHERE """ + CLAIMABLE + """
            
            GROUP BY a.tenant_id""";

    /** A running turn means the thread is not quiet, whatever the clock says. */
    private static final String CLAIM = """
            UPDATE thread_activity SET claimed_by = ?, claimed_until = now() + make_interval(secs => ?),
                                       attempts = attempts + 1
            WHERE thread_id IN (
                SELECT a.thread_id FROM thread_activity a
                WHERE a.tenant_id = ? AND a.last_message_at <= now() - make_interval(secs => ?)
                  AND """ + CLAIMABLE + """
            
                  AND NOT EXISTS (SELECT 1 FROM turns t WHERE t.thread_id = a.thread_id AND t.status = 'running')
                ORDER BY a.last_message_at
                LIMIT ?
                FOR UPDATE SKIP LOCKED)
            RETURNING thread_id, tenant_id, user_id, period_start, last_message_at, attempts""";

    private static final String TRANSCRIPT = """
            SELECT user_content, assistant_content FROM turns
            WHERE thread_id = ? AND tenant_id = ? AND user_id = ? AND status <> 'running' AND started_at <= ?
            ORDER BY started_at DESC
            LIMIT ?""";

    private static final String INSERT_SUMMARY = """
            INSERT INTO conversation_summaries (id, thread_id, tenant_id, user_id, period_start, period_end, summary,
                                                lead, message_count, model, summarized_by, summarized_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)
            ON CONFLICT (thread_id, period_end) DO NOTHING""";

    /**
     * The period is summarised. A message that arrived meanwhile already opened the next period:
     * it starts with the first turn after this one's end.
     */
    private static final String MARK_SUMMARIZED = """
            UPDATE thread_activity SET summarized_through = ?, claimed_by = NULL, claimed_until = NULL, attempts = 0,
                                       retry_at = NULL,
                                       period_start = CASE WHEN last_message_at > ? THEN COALESCE(
                                           (SELECT min(t.started_at) FROM turns t
                                            WHERE t.thread_id = thread_activity.thread_id AND t.started_at > ?),
                                           last_message_at) ELSE period_start END
            WHERE thread_id = ? AND claimed_by = ?""";

    private static final String RELEASE = """
            UPDATE thread_activity SET claimed_by = NULL, claimed_until = NULL,
                                       retry_at = now() + make_interval(secs => ?)
            WHERE thread_id = ? AND claimed_by = ?""";

    private final JdbcOperations jdbc;
    private final Outbox outbox;
    private final JsonMapper json;

    SummaryService(JdbcOperations jdbc, Outbox outbox, JsonMapper json) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.json = json;
    }

    /** A tenant with threads waiting for a summary: a user to ask the gateway as, and how long its quietest thread has been quiet. */
    record PendingTenant(String tenantId, String userId, Duration longestQuiet) {
    }

    /** A thread this worker claimed: its owner, the period to summarise and how many attempts it has had (this one included). */
    record ClaimedThread(String threadId, String tenantId, String userId, Instant periodStart, Instant periodEnd,
                         int attempts) {
    }

    /** One user or assistant message of the transcript. */
    record Line(boolean fromUser, String text) {
    }

    @Transactional
    List<PendingTenant> pendingTenants() {
        return jdbc.prepareStatement(PENDING_TENANTS, statement -> {
            List<PendingTenant> tenants = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Instant oldest = rs.getTimestamp("oldest").toInstant();
                    Instant now = rs.getTimestamp("db_now").toInstant();
                    tenants.add(new PendingTenant(rs.getString("tenant_id"), rs.getString("user_id"),
                            Duration.between(oldest, now)));
                }
            }
            return tenants;
        });
    }

    /** Claims up to {@code limit} of the tenant's threads quiet for at least {@code timeout}; judged on the database's clock. */
    @Transactional
    List<ClaimedThread> claim(String tenantId, Duration timeout, String worker, Duration lease, int limit) {
        return jdbc.prepareStatement(CLAIM, statement -> {
            statement.setString(1, worker);
            statement.setDouble(2, lease.toMillis() / 1000.0);
            statement.setString(3, tenantId);
            statement.setDouble(4, timeout.toMillis() / 1000.0);
            statement.setInt(5, limit);
            List<ClaimedThread> claimed = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new ClaimedThread(rs.getString("thread_id"), rs.getString("tenant_id"),
                            rs.getString("user_id"), rs.getTimestamp("period_start").toInstant(),
                            rs.getTimestamp("last_message_at").toInstant(), rs.getInt("attempts")));
                }
            }
            return claimed;
        });
    }

    /** The thread's messages up to the end of the period, oldest first (the latest {@code maxTurns} turns). */
    @Transactional
    List<Line> transcript(ClaimedThread thread, int maxTurns) {
        List<Line> lines = jdbc.prepareStatement(TRANSCRIPT, statement -> {
            statement.setString(1, thread.threadId());
            statement.setString(2, thread.tenantId());
            statement.setString(3, thread.userId());
            statement.setTimestamp(4, Timestamp.from(thread.periodEnd()));
            statement.setInt(5, maxTurns);
            List<Line> newestFirst = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String answer = rs.getString("assistant_content");
                    if (answer != null && !answer.isBlank()) {
                        newestFirst.add(new Line(false, answer));
                    }
                    newestFirst.add(new Line(true, rs.getString("user_content")));
                }
            }
            return newestFirst;
        });
        Collections.reverse(lines);
        return lines;
    }

    /**
     * Stores the summary and its event in one transaction, if the claim is still this worker's
     * and the period has no summary yet; returns the event id, or empty when nothing was written.
     */
    @Transactional
    Optional<String> store(ClaimedThread thread, String worker, String summary, ConversationSummarized.Lead lead,
                           int messageCount, String model) {
        Instant now = Instant.now();
        String text = StoredText.of(summary);
        if (markSummarized(thread, worker) == 0) {
            return Optional.empty();
        }
        int inserted = jdbc.prepareStatement(INSERT_SUMMARY, statement -> {
            statement.setObject(1, UUID.randomUUID());
            statement.setString(2, thread.threadId());
            statement.setString(3, thread.tenantId());
            statement.setString(4, thread.userId());
            statement.setTimestamp(5, Timestamp.from(thread.periodStart()));
            statement.setTimestamp(6, Timestamp.from(thread.periodEnd()));
            statement.setString(7, text);
            statement.setString(8, StoredText.of(toJson(lead)));
            statement.setInt(9, messageCount);
            statement.setString(10, model);
            statement.setString(11, worker);
            statement.setTimestamp(12, Timestamp.from(now));
            return statement.executeUpdate();
        });
        if (inserted == 0) {
            return Optional.empty();
        }
        ConversationSummarized event = new ConversationSummarized(thread.threadId(), text, lead, messageCount,
                thread.periodStart(), thread.periodEnd(), now);
        return Optional.of(outbox.append(Topics.AGENT_EVENTS, event,
                EventContext.ofThread(thread.tenantId(), thread.userId(), thread.threadId())));
    }

    /** A period with nothing to summarise (its turns are gone) is closed without a summary. */
    @Transactional
    boolean skip(ClaimedThread thread, String worker) {
        return markSummarized(thread, worker) == 1;
    }

    /** Gives the thread back after a failure; it is tried again after {@code backoff}. */
    @Transactional
    void release(ClaimedThread thread, String worker, Duration backoff) {
        jdbc.prepareStatement(RELEASE, statement -> {
            statement.setDouble(1, backoff.toMillis() / 1000.0);
            statement.setString(2, thread.threadId());
            statement.setString(3, worker);
            return statement.executeUpdate();
        });
    }

    private int markSummarized(ClaimedThread thread, String worker) {
        Timestamp end = Timestamp.from(thread.periodEnd());
        return jdbc.prepareStatement(MARK_SUMMARIZED, (PreparedStatement statement) -> {
            statement.setTimestamp(1, end);
            statement.setTimestamp(2, end);
            statement.setTimestamp(3, end);
            statement.setString(4, thread.threadId());
            statement.setString(5, worker);
            return statement.executeUpdate();
        });
    }

    private String toJson(ConversationSummarized.Lead lead) {
        try {
            return json.writeValueAsString(lead);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
