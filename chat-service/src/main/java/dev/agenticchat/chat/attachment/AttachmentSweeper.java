package dev.agenticchat.chat.attachment;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code chat.attachments.sweep-interval}: deletes uploads no message named within
 * {@code pending-ttl}, then the blobs whose deletion is due (rows deleted by then, or uploads that
 * never committed; see {@link AttachmentService}). A blob is deleted in the transaction that removes
 * its queue entry, which is locked meanwhile (other replicas skip it); if the store fails, the entry
 * stays for the next sweep. Deleting twice is harmless: stores ignore a missing key.
 */
@Singleton
class AttachmentSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(AttachmentSweeper.class);
    private static final int BATCH = 100;

    private final AttachmentRepository repository;
    private final BlobStore blobs;
    private final AttachmentSettings settings;
    private final TransactionOperations<Connection> transactions;

    AttachmentSweeper(AttachmentRepository repository, BlobStore blobs, AttachmentSettings settings,
                      TransactionOperations<Connection> transactions) {
        this.repository = repository;
        this.blobs = blobs;
        this.settings = settings;
        this.transactions = transactions;
    }

    @Scheduled(fixedDelay = "${chat.attachments.sweep-interval:1m}", initialDelay = "${chat.attachments.sweep-interval:1m}")
    void sweep() {
        try {
            sweep(Instant.now());
        } catch (RuntimeException e) {
            LOG.warn("sweeping attachments failed; the next sweep retries: {}", e.toString());
        }
    }

    /** How many blobs were deleted. */
    int sweep(Instant now) {
        int expired = transactions.executeWrite(status -> repository.deletePendingBefore(now.minus(settings.pendingTtl())));
        if (expired > 0) {
            LOG.info("deleted {} attachment(s) no message used within {}", expired, settings.pendingTtl());
        }
        int deleted = 0;
        int batch;
        do {
            batch = transactions.executeWrite(status -> deleteDueBlobs(now));
            deleted += batch;
        } while (batch == BATCH);
        return deleted;
    }

    private int deleteDueBlobs(Instant now) {
        List<String> keys = repository.lockDueBlobDeletions(now, BATCH);
        for (String key : keys) {
            try {
                blobs.delete(key);
            } catch (IOException e) {
                throw new UncheckedIOException("blob " + key + " could not be deleted", e);
            }
            repository.unqueueBlobDeletion(key);
        }
        return keys.size();
    }
}
