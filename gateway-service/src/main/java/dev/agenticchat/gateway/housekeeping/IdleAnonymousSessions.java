package dev.agenticchat.gateway.housekeeping;

import dev.agenticchat.gateway.privacy.ErasureService;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erases anonymous sessions nobody used for the retention, everywhere, through the erasure every
 * service already answers. Idle means created before the cutoff, no refresh token issued or used
 * since, and none still usable: an access token only comes with a refresh token, so a visitor
 * who kept using the app shows up there. Sessions linked to a person are the person's and stay.
 * The chosen users are locked (skipping those another replica or a refresh holds) until their
 * erasure is recorded, so a session that comes back meanwhile is not taken.
 */
@Singleton
class IdleAnonymousSessions {
    private static final Logger LOG = LoggerFactory.getLogger(IdleAnonymousSessions.class);
    private static final String SELECT_BATCH = """
            SELECT u.id, u.tenant_id FROM users u
            WHERE u.kind = 'anonymous' AND u.merged_into IS NULL AND u.created_at < ?
              AND NOT EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.user_id = u.id
                              AND (t.created_at >= ? OR t.revoked_at >= ? OR (t.revoked_at IS NULL AND t.expires_at > ?)))
            ORDER BY u.created_at
            LIMIT ? FOR UPDATE OF u SKIP LOCKED""";

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final ErasureService erasures;
    private final HousekeepingSettings settings;

    IdleAnonymousSessions(JdbcOperations jdbc, TransactionOperations<Connection> transactions, ErasureService erasures,
                          HousekeepingSettings settings) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.erasures = erasures;
        this.settings = settings;
    }

    @Scheduled(fixedDelay = "${gateway.housekeeping.interval:1h}", initialDelay = "${gateway.housekeeping.interval:1h}")
    void scheduled() {
        purge();
    }

    /** Every idle session, one transaction per batch with one erasure per tenant in it; how many went. */
    int purge() {
        Instant now = Instant.now();
        Instant cutoff = now.minus(settings.anonymousRetention());
        int total = 0;
        int erased;
        do {
            erased = transactions.executeWrite(status -> eraseBatch(cutoff, now));
            total += erased;
        } while (erased == settings.batchSize());
        if (total > 0) {
            LOG.info("erased {} anonymous session(s) idle since before {}", total, cutoff);
        }
        return total;
    }

    private int eraseBatch(Instant cutoff, Instant now) {
        Map<UUID, List<UUID>> byTenant = jdbc.prepareStatement(SELECT_BATCH, statement -> {
            statement.setTimestamp(1, Timestamp.from(cutoff));
            statement.setTimestamp(2, Timestamp.from(cutoff));
            statement.setTimestamp(3, Timestamp.from(cutoff));
            statement.setTimestamp(4, Timestamp.from(now));
            statement.setInt(5, settings.batchSize());
            Map<UUID, List<UUID>> users = new LinkedHashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    users.computeIfAbsent(rows.getObject("tenant_id", UUID.class), tenant -> new ArrayList<>())
                            .add(rows.getObject("id", UUID.class));
                }
            }
            return users;
        });
        byTenant.forEach((tenantId, userIds) -> {
            UUID erasureId = erasures.startForIdleSessions(tenantId, userIds);
            LOG.info("erasure {}: {} idle anonymous session(s) of tenant {}", erasureId, userIds.size(), tenantId);
        });
        return byTenant.values().stream().mapToInt(List::size).sum();
    }
}
