package dev.agenticchat.notification.email;

import dev.agenticchat.support.paging.PageCursor;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The email_events table: every step of every mail, each committed at once so it stays visible whatever follows. */
@Singleton
class EmailEventRepository {
    enum Status { QUEUED, SENT, FAILED, RETRYING }

    /** What one mail is: its id, request, and who it is for. */
    record Mail(UUID emailId, String requestId, String tenantId, @Nullable String userId, String recipient, String template) {
    }

    private final JdbcOperations jdbc;

    EmailEventRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    void record(Mail mail, @Nullable String subject, Status status, int attempt, @Nullable String providerResponse) {
        jdbc.prepareStatement("""
                INSERT INTO email_events (id, email_id, request_id, tenant_id, user_id, recipient, template, subject, status,
                                          attempt, provider_response, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", statement -> {
            statement.setObject(1, UUID.randomUUID());
            statement.setObject(2, mail.emailId());
            statement.setString(3, mail.requestId());
            statement.setString(4, mail.tenantId());
            statement.setString(5, mail.userId());
            statement.setString(6, mail.recipient());
            statement.setString(7, mail.template());
            statement.setString(8, subject);
            statement.setString(9, status.name().toLowerCase());
            statement.setInt(10, attempt);
            statement.setString(11, providerResponse);
            statement.setTimestamp(12, Timestamp.from(Instant.now()));
            return statement.executeUpdate();
        });
    }

    /** Newest first, after the (created_at, id) position of {@code after} when given. */
    @Transactional(readOnly = true)
    List<EmailEventView> byRecipient(String recipient, @Nullable PageCursor after, int limit) {
        String sql = "SELECT * FROM email_events WHERE recipient = ?"
                + (after == null ? "" : " AND (created_at, id) < (?, ?)")
                + " ORDER BY created_at DESC, id DESC LIMIT ?";
        return jdbc.prepareStatement(sql, statement -> {
            int i = 1;
            statement.setString(i++, recipient);
            if (after != null) {
                statement.setTimestamp(i++, Timestamp.from(after.time()));
                statement.setObject(i++, after.id());
            }
            statement.setInt(i, limit);
            try (ResultSet rs = statement.executeQuery()) {
                List<EmailEventView> views = new ArrayList<>();
                while (rs.next()) {
                    views.add(view(rs));
                }
                return views;
            }
        });
    }

    private static EmailEventView view(ResultSet rs) throws SQLException {
        return new EmailEventView(rs.getObject("id", UUID.class), rs.getObject("email_id", UUID.class),
                rs.getString("request_id"), rs.getString("tenant_id"), rs.getString("user_id"), rs.getString("recipient"),
                rs.getString("template"), rs.getString("subject"), rs.getString("status"), rs.getInt("attempt"),
                rs.getString("provider_response"), rs.getTimestamp("created_at").toInstant());
    }
}
