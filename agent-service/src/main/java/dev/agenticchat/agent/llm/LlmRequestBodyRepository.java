package dev.agenticchat.agent.llm;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/** {@code llm_request_bodies}: a call's redacted request and response, and their expiry. */
@Singleton
class LlmRequestBodyRepository {
    private static final String INSERT = """
            INSERT INTO llm_request_bodies (request_id, request, response, created_at) VALUES (?, ?, ?, ?)""";
    /** Skips rows another replica is deleting: every replica may sweep at once. */
    private static final String DELETE_BATCH = """
            DELETE FROM llm_request_bodies WHERE request_id IN (
                SELECT request_id FROM llm_request_bodies WHERE created_at < ? LIMIT ? FOR UPDATE SKIP LOCKED)""";

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;

    LlmRequestBodyRepository(JdbcOperations jdbc, TransactionOperations<Connection> transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    void insert(UUID requestId, String request, @Nullable String response, Instant createdAt) {
        transactions.executeWrite(status -> jdbc.prepareStatement(INSERT, statement -> {
            statement.setObject(1, requestId);
            statement.setString(2, request);
            statement.setString(3, response);
            statement.setTimestamp(4, Timestamp.from(createdAt));
            return statement.executeUpdate();
        }));
    }

    /** At most {@code limit} bodies stored before {@code cutoff}, in one short transaction; how many went. */
    int deleteBatchBefore(Instant cutoff, int limit) {
        return transactions.executeWrite(status -> jdbc.prepareStatement(DELETE_BATCH, statement -> {
            statement.setTimestamp(1, Timestamp.from(cutoff));
            statement.setInt(2, limit);
            return statement.executeUpdate();
        }));
    }
}
