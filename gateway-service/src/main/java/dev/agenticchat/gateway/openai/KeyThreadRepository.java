package dev.agenticchat.gateway.openai;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface KeyThreadRepository extends GenericRepository<KeyThread, UUID> {
    /** Locked, so two requests with the same conversation cannot both continue one thread. */
    @Query("""
            SELECT * FROM api_key_threads WHERE api_key_id = :apiKeyId AND agent = :agent AND conversation_hash = :hash
            ORDER BY updated_at DESC LIMIT 1 FOR UPDATE SKIP LOCKED""")
    Optional<KeyThread> findForUpdate(UUID apiKeyId, String agent, String hash);

    @Query("UPDATE api_key_threads SET conversation_hash = NULL, updated_at = now() WHERE thread_id = :threadId")
    void clear(UUID threadId);

    @Query("""
            INSERT INTO api_key_threads (thread_id, api_key_id, agent, conversation_hash, updated_at)
            VALUES (:threadId, :apiKeyId, :agent, :hash, now())
            ON CONFLICT (thread_id) DO UPDATE SET conversation_hash = excluded.conversation_hash, updated_at = now()""")
    void record(UUID threadId, UUID apiKeyId, String agent, String hash);
}
