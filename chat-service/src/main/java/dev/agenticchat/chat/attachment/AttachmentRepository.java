package dev.agenticchat.chat.attachment;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The {@code attachments} table and its blob deletion queue; data access only. */
@Singleton
class AttachmentRepository {
    private static final String COLUMNS = "id, tenant_id, user_id, name, content_type, kind, size_bytes, blob_key, "
            + "thread_id, message_id, created_at";

    private final JdbcOperations jdbc;

    AttachmentRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Attachment attachment, String text, boolean truncated) {
        jdbc.prepareStatement("""
                INSERT INTO attachments (id, tenant_id, user_id, name, content_type, kind, size_bytes, blob_key,
                                         extracted_text, text_truncated, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", statement -> {
            statement.setObject(1, attachment.id());
            statement.setString(2, attachment.tenantId());
            statement.setString(3, attachment.userId());
            statement.setString(4, attachment.name());
            statement.setString(5, attachment.contentType());
            statement.setString(6, attachment.kind());
            statement.setLong(7, attachment.sizeBytes());
            statement.setString(8, attachment.blobKey());
            statement.setString(9, text);
            statement.setBoolean(10, truncated);
            statement.setTimestamp(11, Timestamp.from(attachment.createdAt()));
            return statement.executeUpdate();
        });
    }

    /** An attachment of any of these users of the tenant (the caller and the sessions just linked into it). */
    Optional<Attachment> findReadable(UUID id, String tenantId, List<String> userIds) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM attachments WHERE id = ? AND tenant_id = ? AND user_id = ANY (?)",
                statement -> {
                    statement.setObject(1, id);
                    statement.setString(2, tenantId);
                    statement.setArray(3, textArray(statement, userIds));
                    return first(statement);
                });
    }

    /** The text extracted at upload and whether it was cut, of a document. */
    Optional<Map.Entry<String, Boolean>> text(UUID id) {
        return jdbc.prepareStatement("SELECT extracted_text, text_truncated FROM attachments WHERE id = ?", statement -> {
            statement.setObject(1, id);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getString(1) != null
                        ? Optional.of(Map.entry(result.getString(1), result.getBoolean(2))) : Optional.empty();
            }
        });
    }

    /** The owner's attachments with these ids, locked until the transaction ends. */
    List<Attachment> lockOwned(List<UUID> ids, String tenantId, String userId) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM attachments WHERE id = ANY (?) AND tenant_id = ? AND user_id = ? "
                + "FOR UPDATE", statement -> {
            statement.setArray(1, statement.getConnection().createArrayOf("uuid", ids.toArray()));
            statement.setString(2, tenantId);
            statement.setString(3, userId);
            return all(statement);
        });
    }

    void link(UUID id, UUID threadId, UUID messageId, int position) {
        jdbc.prepareStatement("UPDATE attachments SET thread_id = ?, message_id = ?, position = ? WHERE id = ?", statement -> {
            statement.setObject(1, threadId);
            statement.setObject(2, messageId);
            statement.setInt(3, position);
            statement.setObject(4, id);
            return statement.executeUpdate();
        });
    }

    /** The files of each of these messages, in the order the message named them. */
    Map<UUID, List<AttachedFile>> filesOf(List<UUID> messageIds) {
        Map<UUID, List<AttachedFile>> files = new LinkedHashMap<>();
        if (messageIds.isEmpty()) {
            return files;
        }
        return jdbc.prepareStatement("""
                SELECT message_id, id, name, content_type, kind, size_bytes FROM attachments
                WHERE message_id = ANY (?) ORDER BY message_id, position""", statement -> {
            statement.setArray(1, statement.getConnection().createArrayOf("uuid", messageIds.toArray()));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    files.computeIfAbsent(result.getObject(1, UUID.class), key -> new ArrayList<>())
                            .add(new AttachedFile(result.getObject(2, UUID.class), result.getString(3), result.getString(4),
                                    result.getString(5), result.getLong(6)));
                }
            }
            return files;
        });
    }

    int countPending(String tenantId, String userId) {
        return jdbc.prepareStatement("SELECT count(*) FROM attachments WHERE tenant_id = ? AND user_id = ? AND message_id IS NULL",
                statement -> {
                    statement.setString(1, tenantId);
                    statement.setString(2, userId);
                    try (ResultSet result = statement.executeQuery()) {
                        result.next();
                        return result.getInt(1);
                    }
                });
    }

    int delete(UUID id) {
        return jdbc.prepareStatement("DELETE FROM attachments WHERE id = ?", statement -> {
            statement.setObject(1, id);
            return statement.executeUpdate();
        });
    }

    /** Unattached attachments created before {@code cutoff}; their blobs are queued by the table's trigger. */
    int deletePendingBefore(Instant cutoff) {
        return jdbc.prepareStatement("DELETE FROM attachments WHERE message_id IS NULL AND created_at < ?", statement -> {
            statement.setTimestamp(1, Timestamp.from(cutoff));
            return statement.executeUpdate();
        });
    }

    /** Queues a blob's deletion, due at {@code due} (an upload's own key, in case its row never commits). */
    void queueBlobDeletion(String blobKey, Instant due) {
        jdbc.prepareStatement("""
                INSERT INTO attachment_blob_deletions (blob_key, due_at) VALUES (?, ?)
                ON CONFLICT (blob_key) DO UPDATE SET due_at = EXCLUDED.due_at""", statement -> {
            statement.setString(1, blobKey);
            statement.setTimestamp(2, Timestamp.from(due));
            return statement.executeUpdate();
        });
    }

    void unqueueBlobDeletion(String blobKey) {
        jdbc.prepareStatement("DELETE FROM attachment_blob_deletions WHERE blob_key = ?", statement -> {
            statement.setString(1, blobKey);
            return statement.executeUpdate();
        });
    }

    /**
     * Deletions due by {@code now} or by the database's clock, which stamped the rows just deleted,
     * locked (skipping those another replica holds) until the transaction ends.
     */
    List<String> lockDueBlobDeletions(Instant now, int limit) {
        return jdbc.prepareStatement("""
                SELECT blob_key FROM attachment_blob_deletions WHERE due_at <= GREATEST(?, now())
                ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED""", statement -> {
            statement.setTimestamp(1, Timestamp.from(now));
            statement.setInt(2, limit);
            List<String> keys = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    keys.add(result.getString(1));
                }
            }
            return keys;
        });
    }

    private static Array textArray(PreparedStatement statement, List<String> values) throws SQLException {
        return statement.getConnection().createArrayOf("text", values.toArray());
    }

    private static Optional<Attachment> first(PreparedStatement statement) throws SQLException {
        List<Attachment> rows = all(statement);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private static List<Attachment> all(PreparedStatement statement) throws SQLException {
        List<Attachment> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                rows.add(new Attachment(result.getObject("id", UUID.class), result.getString("tenant_id"),
                        result.getString("user_id"), result.getString("name"), result.getString("content_type"),
                        result.getString("kind"), result.getLong("size_bytes"), result.getString("blob_key"),
                        result.getObject("thread_id", UUID.class), result.getObject("message_id", UUID.class),
                        result.getTimestamp("created_at").toInstant()));
            }
        }
        return rows;
    }
}
