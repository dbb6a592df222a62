package dev.agenticchat.agent.credentials;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-seals with the active key what other configured keys sealed (every {@link SealedSecrets} table:
 * provider credentials, MCP servers' headers), when the service starts (before
 * it answers) and every {@code agent.credentials.rotation-interval}: after an operator makes a new
 * key active, every credential moves to it, and the old key can go once none is left on it. Each
 * batch is one short transaction that skips rows another replica holds, so every replica may run
 * at once. What a key that is no longer configured sealed stays as it is, and is logged by key id
 * (never a secret) until the key is configured again or the credentials are set anew.
 */
@Singleton
class CredentialRotation {
    private static final Logger LOG = LoggerFactory.getLogger(CredentialRotation.class);

    private final List<SealedSecrets> tables;
    private final CredentialCipher cipher;
    private final TransactionOperations<Connection> transactions;
    private final TaskScheduler scheduler;
    private final Duration interval;
    private final int batchSize;

    CredentialRotation(List<SealedSecrets> tables, CredentialCipher cipher, TransactionOperations<Connection> transactions,
                       @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler, CredentialSettings settings) {
        this.tables = tables;
        this.cipher = cipher;
        this.transactions = transactions;
        this.scheduler = scheduler;
        this.interval = settings.getRotationInterval();
        this.batchSize = settings.getRotationBatchSize();
    }

    @EventListener
    void onStartup(StartupEvent event) {
        LOG.info("provider credentials: sealing with key {} of {}; re-sealing what the others sealed now and every {}",
                cipher.activeKeyId(), cipher.keyIds(), interval);
        rotateSafely();
        scheduler.scheduleWithFixedDelay(interval, interval, this::rotateSafely);
    }

    private void rotateSafely() {
        try {
            rotate();
        } catch (RuntimeException e) {
            LOG.warn("provider credential rotation failed; trying again in {}: {}", interval, e.getClass().getSimpleName());
        }
    }

    /** Re-seals every row an older configured key sealed, table after table, batch after batch; how many it re-sealed. */
    int rotate() {
        int resealed = 0;
        for (SealedSecrets table : tables) {
            resealed += rotate(table);
        }
        return resealed;
    }

    private int rotate(SealedSecrets table) {
        Set<String> older = new TreeSet<>(cipher.keyIds());
        older.remove(cipher.activeKeyId());
        int resealed = 0;
        if (!older.isEmpty()) {
            UUID after = new UUID(0, 0);
            Batch batch;
            do {
                batch = rotateBatch(table, older, after);
                resealed += batch.resealed();
                after = batch.last();
            } while (batch.size() == batchSize);
        }
        if (resealed > 0) {
            LOG.info("re-sealed {} {}(s) with key {}", resealed, table.kind(), cipher.activeKeyId());
        }
        Map<String, Long> unconfigured = transactions.executeRead(status -> table.countSealedWithOther(cipher.keyIds()));
        unconfigured.forEach((keyId, count) -> LOG.warn("{} {}(s) sealed with key {}, which is not configured"
                + " (agent.credentials.keys.{}): left as they are; they cannot be read until that key is configured again or"
                + " they are set anew", count, table.kind(), keyId, keyId));
        return resealed;
    }

    /** One batch after {@code after} (by id), in one transaction. */
    private Batch rotateBatch(SealedSecrets table, Set<String> older, UUID after) {
        return transactions.executeWrite(status -> {
            List<SealedSecrets.Row> rows = table.sealedWithForUpdate(older, after, batchSize);
            int resealed = 0;
            for (SealedSecrets.Row row : rows) {
                try {
                    String secret = cipher.open(row.sealed(), row.additionalData());
                    table.reseal(row.id(), cipher.seal(secret, row.additionalData()));
                    resealed++;
                } catch (CredentialUnreadableException e) {
                    LOG.warn("{} {} ({}) left as it is: {}", table.kind(), row.id(), row.description(), e.getMessage());
                }
            }
            return new Batch(rows.size(), rows.isEmpty() ? after : rows.get(rows.size() - 1).id(), resealed);
        });
    }

    private record Batch(int size, UUID last, int resealed) {
    }
}
