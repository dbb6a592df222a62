package dev.agenticchat.support.ratelimit;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes ended windows, in the services that count limits (they set
 * {@code agentic.rate-windows.purge-interval}; the others have no {@code rate_windows} table).
 * Any replica may run it: deleting what has ended is the same whoever does it.
 */
@Singleton
@Requires(property = "agentic.rate-windows.purge-interval")
class RateWindowsPurge {
    private static final Logger LOG = LoggerFactory.getLogger(RateWindowsPurge.class);

    private final RateWindows windows;

    RateWindowsPurge(RateWindows windows) {
        this.windows = windows;
    }

    @Scheduled(fixedDelay = "${agentic.rate-windows.purge-interval}", initialDelay = "1m")
    void purge() {
        try {
            int purged = windows.purgeEnded();
            LOG.debug("purged {} ended rate windows", purged);
        } catch (RuntimeException e) {
            LOG.warn("could not purge ended rate windows (next run tries again): {}", e.toString());
        }
    }
}
