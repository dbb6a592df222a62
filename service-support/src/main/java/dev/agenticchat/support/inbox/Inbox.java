package dev.agenticchat.support.inbox;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

/**
 * Remembers consumed event ids. Call it in the same transaction as the effect: if it
 * answers false the event was already applied and the caller does nothing.
 */
@Singleton
public class Inbox {
    private final JdbcOperations jdbc;

    Inbox(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Whether the event was already applied, without claiming it: lets a consumer skip slow work
     * (an HTTP call) for a redelivery before the transaction where {@link #firstDelivery} decides.
     */
    public boolean alreadyDelivered(String consumer, String eventId) {
        return jdbc.prepareStatement("SELECT 1 FROM inbox WHERE consumer = ? AND event_id = ?", statement -> {
            statement.setString(1, consumer);
            statement.setString(2, eventId);
            return statement.executeQuery().next();
        });
    }

    public boolean firstDelivery(String consumer, String eventId) {
        return jdbc.prepareStatement(
                "INSERT INTO inbox (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                statement -> {
                    statement.setString(1, consumer);
                    statement.setString(2, eventId);
                    return statement.executeUpdate() == 1;
                });
    }
}
