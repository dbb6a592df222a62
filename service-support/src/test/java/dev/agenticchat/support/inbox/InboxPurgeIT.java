package dev.agenticchat.support.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@MicronautTest(environments = "test", transactional = false)
@Property(name = "agentic.inbox.retention", value = "1h")
@Property(name = "agentic.inbox.purge-batch-size", value = "2")
class InboxPurgeIT {
    @Inject
    InboxPurge purge;
    @Inject
    JdbcOperations jdbc;
    @Inject
    TransactionOperations<Connection> transactions;

    @Test
    void forgets_ids_older_than_the_retention_in_bounded_batches_and_keeps_recent_ones() {
        purge.purge();
        String consumer = "purge-test-" + UUID.randomUUID();
        Instant now = Instant.now();
        for (int i = 0; i < 5; i++) {
            record(consumer, now.minus(Duration.ofHours(2)));
        }
        record(consumer, now.minus(Duration.ofMinutes(30)));
        record(consumer, now);

        assertThat(purge.purgeBatch(now.minus(purge.retention()))).as("one batch").isEqualTo(2);
        assertThat(rows(consumer)).isEqualTo(5);

        assertThat(purge.purge()).isEqualTo(3);
        assertThat(rows(consumer)).as("the two ids inside the retention").isEqualTo(2);
        assertThat(purge.purge()).isZero();
    }

    private void record(String consumer, Instant processedAt) {
        transactions.executeWrite(status -> jdbc.prepareStatement(
                "INSERT INTO inbox (consumer, event_id, processed_at) VALUES (?, ?, ?)", statement -> {
                    statement.setString(1, consumer);
                    statement.setString(2, UUID.randomUUID().toString());
                    statement.setTimestamp(3, Timestamp.from(processedAt));
                    return statement.executeUpdate();
                }));
    }

    private int rows(String consumer) {
        return transactions.executeRead(status -> jdbc.prepareStatement("SELECT count(*) FROM inbox WHERE consumer = ?", statement -> {
            statement.setString(1, consumer);
            ResultSet result = statement.executeQuery();
            result.next();
            return result.getInt(1);
        }));
    }
}
