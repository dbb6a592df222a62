package dev.agenticchat.agent.turn;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface TurnRepository extends CrudRepository<Turn, UUID> {

    /**
     * Starts the turn of a message leased to {@code worker}, or leases its existing turn to it if
     * that is still running and no other worker holds a live lease (the unique message id
     * decides which): 1 if the worker now holds the turn, 0 if not. Leases are judged on the
     * database's clock, never on a worker's.
     */
    @Query("""
            INSERT INTO turns (id, message_id, thread_id, tenant_id, user_id, user_content, status,
                               assistant_message_id, started_at, owner, lease_until)
            VALUES (:id, :messageId, :threadId, :tenantId, :userId, :userContent, 'running', :assistantMessageId,
                    :startedAt, :worker, now() + make_interval(secs => :leaseSeconds))
            ON CONFLICT (message_id) DO UPDATE SET owner = EXCLUDED.owner, lease_until = EXCLUDED.lease_until
            WHERE turns.status = 'running'
              AND (turns.owner IS NULL OR turns.owner = EXCLUDED.owner OR turns.lease_until < now())""")
    int startOrLease(UUID id, String messageId, String threadId, String tenantId, String userId, String userContent,
                     UUID assistantMessageId, Instant startedAt, String worker, double leaseSeconds);

    Optional<Turn> findByMessageId(String messageId);

    /** Leases are judged on the database's clock, never on a worker's. */
    @Query("""
            UPDATE turns SET lease_until = now() + make_interval(secs => :leaseSeconds)
            WHERE id = :id AND owner = :owner AND status = 'running'""")
    int renewLease(UUID id, String owner, double leaseSeconds);

    /** Keeps what the message's attachments added to the prompt, for the thread's later turns. */
    @Query("UPDATE turns SET attached_context = :attachedContext WHERE id = :id")
    void noteAttachedContext(UUID id, String attachedContext);

    /** A worker stopping hands its turn over at once instead of after the lease. */
    @Query("UPDATE turns SET lease_until = now() WHERE id = :id AND owner = :owner AND status = 'running'")
    int releaseLease(UUID id, String owner);

    /**
     * A page of a thread's completed turns before the given one (by start, then id), newest first:
     * the context window reads a long thread a page at a time.
     */
    @Query("""
            SELECT * FROM turns
            WHERE thread_id = :threadId AND tenant_id = :tenantId AND user_id = :userId
              AND status = 'completed' AND (started_at, id) < (:beforeStartedAt, :beforeId)
            ORDER BY started_at DESC, id DESC
            LIMIT :limit""")
    List<Turn> findCompletedBefore(String threadId, String tenantId, String userId, Instant beforeStartedAt, UUID beforeId,
                                   int limit);

    /**
     * Ends a running turn with its end event, which then belongs to {@code userId} (the session's
     * current owner); 0 when it had already ended (another worker finished a redelivery).
     */
    @Query("""
            UPDATE turns SET status = 'completed', user_id = :userId, assistant_content = :content,
                             input_tokens = :inputTokens, output_tokens = :outputTokens, completed_at = :completedAt,
                             end_event_id = :endEventId, end_event_data = :endEventData
            WHERE id = :id AND status = 'running' AND owner = :owner""")
    int markCompleted(UUID id, String owner, String userId, String content, long inputTokens, long outputTokens,
                      Instant completedAt, UUID endEventId, String endEventData);

    @Query("""
            UPDATE turns SET status = 'failed', user_id = :userId, assistant_content = :content, error_code = :errorCode,
                             error_message = :errorMessage, input_tokens = :inputTokens,
                             output_tokens = :outputTokens, completed_at = :completedAt,
                             end_event_id = :endEventId, end_event_data = :endEventData
            WHERE id = :id AND status = 'running' AND owner = :owner""")
    int markFailed(UUID id, String owner, String userId, @Nullable String content, String errorCode, String errorMessage,
                   long inputTokens, long outputTokens, Instant completedAt, UUID endEventId, String endEventData);

    /** Kafka has the end event: the row no longer needs its data. */
    @Query("UPDATE turns SET end_event_published_at = now(), end_event_data = NULL WHERE id = :id")
    void markEndPublished(UUID id);
}
