package dev.agenticchat.notification.webhook;

import dev.agenticchat.support.paging.PageCursor;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** webhook_subscriptions and webhook_deliveries. Every method runs in the caller's transaction. */
@Singleton
class WebhookRepository {
    private static final String SUBSCRIPTION_COLUMNS =
            "id, tenant_id, url, event_types, sealed_secret, status, disabled_reason, created_at";

    private final JdbcOperations jdbc;

    WebhookRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Subscription s, String createdBy) {
        jdbc.prepareStatement("INSERT INTO webhook_subscriptions (" + SUBSCRIPTION_COLUMNS + ", created_by)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", statement -> {
            statement.setObject(1, s.id());
            statement.setString(2, s.tenantId());
            statement.setString(3, s.url());
            statement.setArray(4, statement.getConnection().createArrayOf("text", s.eventTypes().toArray()));
            statement.setString(5, s.sealedSecret());
            statement.setString(6, s.status());
            statement.setString(7, s.disabledReason());
            statement.setTimestamp(8, Timestamp.from(s.createdAt()));
            statement.setString(9, createdBy);
            return statement.executeUpdate();
        });
    }

    List<Subscription> byTenant(String tenantId) {
        return subscriptions("SELECT " + SUBSCRIPTION_COLUMNS + " FROM webhook_subscriptions WHERE tenant_id = ?"
                + " ORDER BY created_at DESC", tenantId);
    }

    List<Subscription> activeByTenant(String tenantId) {
        return subscriptions("SELECT " + SUBSCRIPTION_COLUMNS + " FROM webhook_subscriptions WHERE tenant_id = ?"
                + " AND status = 'active'", tenantId);
    }

    Optional<Subscription> find(String tenantId, UUID id) {
        return jdbc.prepareStatement("SELECT " + SUBSCRIPTION_COLUMNS + " FROM webhook_subscriptions WHERE tenant_id = ?"
                + " AND id = ?", statement -> {
            statement.setString(1, tenantId);
            statement.setObject(2, id);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(subscription(rs)) : Optional.<Subscription>empty();
            }
        });
    }

    boolean delete(String tenantId, UUID id) {
        return jdbc.prepareStatement("DELETE FROM webhook_subscriptions WHERE tenant_id = ? AND id = ?", statement -> {
            statement.setString(1, tenantId);
            statement.setObject(2, id);
            return statement.executeUpdate() == 1;
        });
    }

    void disable(UUID id, String reason) {
        jdbc.prepareStatement("UPDATE webhook_subscriptions SET status = 'disabled', disabled_reason = ? WHERE id = ?", statement -> {
            statement.setString(1, reason);
            statement.setObject(2, id);
            return statement.executeUpdate();
        });
    }

    /** Queues an event for a subscription once, however often the event is consumed. */
    void enqueue(UUID subscriptionId, String eventId, String eventType, String payload, Instant now) {
        jdbc.prepareStatement("""
                INSERT INTO webhook_deliveries (id, subscription_id, event_id, event_type, payload, status, next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT (subscription_id, event_id) DO NOTHING""", statement -> {
            statement.setObject(1, UUID.randomUUID());
            statement.setObject(2, subscriptionId);
            statement.setString(3, eventId);
            statement.setString(4, eventType);
            statement.setString(5, payload);
            statement.setTimestamp(6, Timestamp.from(now));
            statement.setTimestamp(7, Timestamp.from(now));
            return statement.executeUpdate();
        });
    }

    /**
     * Leases up to {@code limit} due deliveries: other workers skip the locked rows now and, once
     * this transaction commits, see them due only after the lease (a crashed worker's deliveries
     * come back then).
     */
    List<ClaimedDelivery> claimDue(Instant now, Duration lease, int limit) {
        return jdbc.prepareStatement("""
                WITH due AS (
                    SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ?
                    ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)
                UPDATE webhook_deliveries d SET next_attempt_at = ?
                FROM due, webhook_subscriptions s
                WHERE d.id = due.id AND s.id = d.subscription_id
                RETURNING d.id, d.subscription_id, d.payload, d.attempts, s.url, s.sealed_secret, s.status""", statement -> {
            statement.setTimestamp(1, Timestamp.from(now));
            statement.setInt(2, limit);
            statement.setTimestamp(3, Timestamp.from(now.plus(lease)));
            try (ResultSet rs = statement.executeQuery()) {
                List<ClaimedDelivery> claimed = new ArrayList<>();
                while (rs.next()) {
                    claimed.add(new ClaimedDelivery(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getInt(4), rs.getString(5), rs.getString(6), rs.getString(7)));
                }
                return claimed;
            }
        });
    }

    /** Records an attempt: delivered, retried at {@code nextAttemptAt}, or given up (status failed). */
    void recordAttempt(UUID id, String status, @Nullable Integer statusCode, @Nullable String error,
                       @Nullable Instant nextAttemptAt, Instant now) {
        jdbc.prepareStatement("""
                UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1, last_status_code = ?, last_error = ?,
                       next_attempt_at = COALESCE(?, next_attempt_at), delivered_at = ?
                WHERE id = ?""", statement -> {
            statement.setString(1, status);
            statement.setObject(2, statusCode, java.sql.Types.INTEGER);
            statement.setString(3, error);
            statement.setTimestamp(4, nextAttemptAt == null ? null : Timestamp.from(nextAttemptAt));
            statement.setTimestamp(5, "delivered".equals(status) ? Timestamp.from(now) : null);
            statement.setObject(6, id);
            return statement.executeUpdate();
        });
    }

    void postpone(UUID id, Instant nextAttemptAt) {
        jdbc.prepareStatement("UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id = ? AND status = 'pending'", statement -> {
            statement.setTimestamp(1, Timestamp.from(nextAttemptAt));
            statement.setObject(2, id);
            return statement.executeUpdate();
        });
    }

    void giveUp(UUID id, String reason) {
        jdbc.prepareStatement("UPDATE webhook_deliveries SET status = 'failed', last_error = ? WHERE id = ?", statement -> {
            statement.setString(1, reason);
            statement.setObject(2, id);
            return statement.executeUpdate();
        });
    }

    /** Newest first, after the (created_at, id) position of {@code after} when given. */
    List<DeliveryView> deliveries(UUID subscriptionId, @Nullable PageCursor after, int limit) {
        return jdbc.prepareStatement("""
                SELECT id, event_id, event_type, status, attempts, last_status_code, last_error, next_attempt_at, created_at,
                       delivered_at
                FROM webhook_deliveries WHERE subscription_id = ?"""
                + (after == null ? "" : " AND (created_at, id) < (?, ?)") + " ORDER BY created_at DESC, id DESC LIMIT ?", statement -> {
            int i = 1;
            statement.setObject(i++, subscriptionId);
            if (after != null) {
                statement.setTimestamp(i++, Timestamp.from(after.time()));
                statement.setObject(i++, after.id());
            }
            statement.setInt(i, limit);
            try (ResultSet rs = statement.executeQuery()) {
                List<DeliveryView> views = new ArrayList<>();
                while (rs.next()) {
                    String status = rs.getString("status");
                    views.add(new DeliveryView(rs.getObject("id", UUID.class), rs.getString("event_id"),
                            rs.getString("event_type"), status, rs.getInt("attempts"),
                            (Integer) rs.getObject("last_status_code"), rs.getString("last_error"),
                            "pending".equals(status) ? rs.getTimestamp("next_attempt_at").toInstant() : null,
                            rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("delivered_at"))));
                }
                return views;
            }
        });
    }

    private List<Subscription> subscriptions(String sql, String tenantId) {
        return jdbc.prepareStatement(sql, statement -> {
            statement.setString(1, tenantId);
            try (ResultSet rs = statement.executeQuery()) {
                List<Subscription> found = new ArrayList<>();
                while (rs.next()) {
                    found.add(subscription(rs));
                }
                return found;
            }
        });
    }

    private static Subscription subscription(ResultSet rs) throws SQLException {
        Array types = rs.getArray("event_types");
        return new Subscription(rs.getObject("id", UUID.class), rs.getString("tenant_id"), rs.getString("url"),
                Arrays.asList((String[]) types.getArray()), rs.getString("sealed_secret"), rs.getString("status"),
                rs.getString("disabled_reason"), rs.getTimestamp("created_at").toInstant());
    }

    private static Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
