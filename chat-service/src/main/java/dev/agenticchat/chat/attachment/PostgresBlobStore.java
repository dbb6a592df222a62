package dev.agenticchat.chat.attachment;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Optional;

/** The default store ({@code postgres:}): bytes in chat's own schema ({@code attachment_blobs}), nothing else to run. */
final class PostgresBlobStore implements BlobStore {
    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;

    PostgresBlobStore(JdbcOperations jdbc, TransactionOperations<Connection> transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) {
        transactions.executeWrite(status -> jdbc.prepareStatement("""
                INSERT INTO attachment_blobs (blob_key, bytes) VALUES (?, ?)
                ON CONFLICT (blob_key) DO UPDATE SET bytes = EXCLUDED.bytes""", statement -> {
            statement.setString(1, key);
            statement.setBytes(2, bytes);
            return statement.executeUpdate();
        }));
    }

    @Override
    public Optional<InputStream> open(String key) {
        return transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT bytes FROM attachment_blobs WHERE blob_key = ?", statement -> {
                    statement.setString(1, key);
                    try (ResultSet result = statement.executeQuery()) {
                        return result.next() ? Optional.<InputStream>of(new ByteArrayInputStream(result.getBytes(1)))
                                : Optional.<InputStream>empty();
                    }
                }));
    }

    @Override
    public void delete(String key) {
        transactions.executeWrite(status -> jdbc.prepareStatement("DELETE FROM attachment_blobs WHERE blob_key = ?",
                statement -> {
                    statement.setString(1, key);
                    return statement.executeUpdate();
                }));
    }
}
