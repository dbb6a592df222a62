package dev.agenticchat.agent.llm;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes request bodies older than {@code agent.llm.request-log.bodies.retention}, batch after
 * batch, each its own short transaction that skips rows another replica is deleting: every
 * replica sweeps, none waits on another. It sweeps with bodies switched off too, so that turning
 * them off still lets the kept ones expire.
 */
@Singleton
class RequestBodySweeper {
    private static final Logger LOG = LoggerFactory.getLogger(RequestBodySweeper.class);

    private final LlmRequestBodyRepository bodies;
    private final Duration retention;
    private final int batchSize;

    RequestBodySweeper(LlmRequestBodyRepository bodies, RequestBodySettings settings) {
        this.bodies = bodies;
        this.retention = settings.getRetention();
        this.batchSize = settings.getSweepBatchSize();
    }

    @Scheduled(fixedDelay = "${agent.llm.request-log.bodies.sweep-interval:1h}",
            initialDelay = "${agent.llm.request-log.bodies.sweep-interval:1h}")
    void scheduled() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warn("request body sweep failed; trying again at the next interval: {}", e.toString());
        }
    }

    /** Deletes every body kept longer than the retention; how many went. */
    int sweep() {
        Instant cutoff = Instant.now().minus(retention);
        int total = 0;
        int deleted;
        do {
            deleted = bodies.deleteBatchBefore(cutoff, batchSize);
            total += deleted;
        } while (deleted == batchSize);
        if (total > 0) {
            LOG.info("deleted {} request bodies kept since before {}", total, cutoff);
        }
        return total;
    }
}
