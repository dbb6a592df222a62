package dev.agenticchat.support.inbox;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets consumed event ids that Kafka can no longer redeliver. The broker deletes a record
 * once its whole log segment is older than the retention, so a record lives at most about
 * retention + segment.ms (both 7 days by default); an id kept longer than that guards
 * nothing. Each batch is its own short transaction, so no run holds locks for long, and
 * batches skip rows another replica is deleting: every replica may run it at once.
 * Settings {@code agentic.inbox.*} ({@link InboxSettings}; environment {@code AGENTIC_INBOX_RETENTION},
 * {@code AGENTIC_INBOX_PURGE_INTERVAL}) are read here, not in each service's application.yml,
 * because this one class serves all six.
 */
@Singleton
class InboxPurge {
    private static final Logger LOG = LoggerFactory.getLogger(InboxPurge.class);
    private static final String DELETE_BATCH = """
            DELETE FROM inbox WHERE ctid IN (
                SELECT ctid FROM inbox WHERE processed_at < ? LIMIT ? FOR UPDATE SKIP LOCKED)""";

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final Duration retention;
    private final int batchSize;

    InboxPurge(JdbcOperations jdbc, TransactionOperations<Connection> transactions, InboxSettings settings) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.retention = settings.getRetention();
        this.batchSize = settings.getPurgeBatchSize();
    }

    @Scheduled(fixedDelay = "${agentic.inbox.purge-interval:1h}", initialDelay = "${agentic.inbox.purge-interval:1h}")
    void scheduled() {
        purge();
    }

    /** Deletes every id older than the retention, batch after batch; how many went. */
    int purge() {
        Instant cutoff = Instant.now().minus(retention);
        int total = 0;
        int deleted;
        do {
            deleted = purgeBatch(cutoff);
            total += deleted;
        } while (deleted == batchSize);
        if (total > 0) {
            LOG.info("forgot {} consumed event id(s) processed before {}", total, cutoff);
        }
        return total;
    }

    /** At most one batch of ids processed before {@code cutoff}, in one transaction; how many went. */
    int purgeBatch(Instant cutoff) {
        return transactions.executeWrite(status -> jdbc.prepareStatement(DELETE_BATCH, statement -> {
            statement.setTimestamp(1, Timestamp.from(cutoff));
            statement.setInt(2, batchSize);
            return statement.executeUpdate();
        }));
    }

    Duration retention() {
        return retention;
    }
}
