package dev.agenticchat.agent.turn;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps the leases of the turns this worker runs alive; a dead worker's leases simply expire. */
@Singleton
class LeaseKeeper {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

    /** This worker process; leases name it. */
    final String worker = "agent-" + UUID.randomUUID();

    private final TurnRepository turns;
    private final TurnSettings settings;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "turn-leases");
        thread.setDaemon(true);
        return thread;
    });

    LeaseKeeper(TurnRepository turns, TurnSettings settings) {
        this.turns = turns;
        this.settings = settings;
    }

    /** Stops renewing when closed. */
    interface Renewal extends AutoCloseable {
        @Override
        void close();
    }

    /** Renews the turn's lease until the returned handle is closed. */
    Renewal keep(Turn turn) {
        long period = Math.max(1, settings.getLease().toMillis() / 3);
        ScheduledFuture<?> renewal = scheduler.scheduleAtFixedRate(() -> {
            try {
                if (turns.renewLease(turn.id(), worker, Instant.now().plus(settings.getLease())) == 0) {
                    LOG.warn("turn {}: lease lost (the turn ended or another worker took it over)", turn.id());
                }
            } catch (RuntimeException e) {
                LOG.warn("turn {}: could not renew its lease: {}", turn.id(), e.toString());
            }
        }, period, period, TimeUnit.MILLISECONDS);
        return () -> renewal.cancel(false);
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
