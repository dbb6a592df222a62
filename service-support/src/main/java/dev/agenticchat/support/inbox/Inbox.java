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
