package dev.agenticchat.agent.turn;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits until the outbox relay has put an event on Kafka (it deletes the row once Kafka
 * acknowledged it). A turn's completion goes through the outbox, but the next turn of the
 * same thread publishes TurnStarted directly; without this wait that TurnStarted could
 * reach the topic before the previous TurnCompleted.
 */
@Singleton
class RelayWait {
    private static final long FIRST_PAUSE_MS = 2;
    private static final long MAX_PAUSE_MS = 50;

    private final TransactionOperations<Connection> transactions;

    RelayWait(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** Returns false if the event was still in the outbox after {@code max} (Kafka down: order is then best effort). */
    boolean awaitRelayed(String eventId, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        long pause = FIRST_PAUSE_MS;
        while (isPending(eventId)) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(pause);
            pause = Math.min(pause * 2, MAX_PAUSE_MS);
        }
        return true;
    }

    /**
     * The same for whatever another worker left in the outbox for a thread: after waiting
     * out its turn, this worker's next turn must not overtake that turn's completion.
     */
    boolean awaitThreadRelayed(String threadId, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        long pause = FIRST_PAUSE_MS;
        while (exists("SELECT EXISTS (SELECT 1 FROM outbox WHERE record_key = ?)", threadId)) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(pause);
            pause = Math.min(pause * 2, MAX_PAUSE_MS);
        }
        return true;
    }

    private boolean isPending(String eventId) {
        return exists("SELECT EXISTS (SELECT 1 FROM outbox WHERE event_id = ?::uuid)", eventId);
    }

    private boolean exists(String query, String parameter) {
        return transactions.executeRead(status -> {
            try (PreparedStatement statement = status.getConnection().prepareStatement(query)) {
                statement.setString(1, parameter);
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        });
    }
}
