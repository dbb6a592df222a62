package dev.agenticchat.gateway.housekeeping;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes refresh tokens a grace period after they expire, revoked or not. A rotated (revoked)
 * token is thus kept for as long as it would otherwise have been accepted, so presenting it
 * again can still be recognised as reuse. A user's newest token is kept even then: it records
 * when they were last here, which {@link IdleAnonymousSessions} goes by. Batches skip rows
 * another replica is deleting, so every replica may run it.
 */
@Singleton
class RefreshTokenPurge {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshTokenPurge.class);
    private static final String DELETE_BATCH = """
            DELETE FROM refresh_tokens WHERE id IN (
                SELECT t.id FROM refresh_tokens t
                WHERE t.expires_at < ?
                  AND EXISTS (SELECT 1 FROM refresh_tokens newer WHERE newer.user_id = t.user_id AND newer.created_at > t.created_at)
                LIMIT ? FOR UPDATE SKIP LOCKED)""";

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final HousekeepingSettings settings;

    RefreshTokenPurge(JdbcOperations jdbc, TransactionOperations<Connection> transactions, HousekeepingSettings settings) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.settings = settings;
    }

    @Scheduled(fixedDelay = "${gateway.housekeeping.interval:1h}", initialDelay = "${gateway.housekeeping.interval:1h}")
    void scheduled() {
        purge();
    }

    /** Every token past its expiry plus the grace, batch after batch; how many went. */
    int purge() {
        Instant cutoff = Instant.now().minus(settings.refreshTokenGrace());
        int total = 0;
        int deleted;
        do {
            deleted = transactions.executeWrite(status -> jdbc.prepareStatement(DELETE_BATCH, statement -> {
                statement.setTimestamp(1, Timestamp.from(cutoff));
                statement.setInt(2, settings.batchSize());
                return statement.executeUpdate();
            }));
            total += deleted;
        } while (deleted == settings.batchSize());
        if (total > 0) {
            LOG.info("deleted {} refresh token(s) expired before {}", total, cutoff);
        }
        return total;
    }
}
