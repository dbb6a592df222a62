package dev.agenticchat.chat.message;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
abstract class MessageRepository implements GenericRepository<Message, UUID> {
    private static final String INSERT = """
            INSERT INTO messages (id, thread_id, tenant_id, user_id, role, content, client_message_id, turn_id,
                                  metadata, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
            ON CONFLICT DO NOTHING""";

    private final JdbcOperations jdbc;
    private final JsonMapper json;

    MessageRepository(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    abstract Optional<Message> findByTenantIdAndUserIdAndClientMessageId(String tenantId, String userId, String clientMessageId);

    @Query("SELECT * FROM messages WHERE thread_id = :threadId AND seq > :afterSeq ORDER BY seq LIMIT :limit")
    abstract List<Message> page(UUID threadId, long afterSeq, int limit);

    /**
     * Stores the message unless one with the same id, or the same client_message_id for
     * this user, exists; false then. Unlike a pre-check this also holds between two
     * concurrent requests: the second waits for the first to commit, then inserts nothing.
     */
    boolean insertIfAbsent(Message message) {
        String metadata = message.metadata() == null ? null : toJson(message.metadata());
        return jdbc.prepareStatement(INSERT, statement -> {
            statement.setObject(1, message.id());
            statement.setObject(2, message.threadId());
            statement.setString(3, message.tenantId());
            statement.setString(4, message.userId());
            statement.setString(5, message.role());
            statement.setString(6, message.content());
            statement.setString(7, message.clientMessageId());
            statement.setString(8, message.turnId());
            statement.setString(9, metadata);
            statement.setTimestamp(10, Timestamp.from(message.createdAt()));
            return statement.executeUpdate() == 1;
        });
    }

    private String toJson(MessageMetadata metadata) {
        try {
            return json.writeValueAsString(metadata);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
