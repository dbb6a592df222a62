package dev.agenticchat.agent.turn;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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

    /**
     * Renews the turn's lease until the returned handle is closed. If the lease is lost
     * (another worker took the turn over), {@code onLost} stops this run: only the owner may
     * end the turn.
     */
    Renewal keep(Turn turn, Runnable onLost) {
        long period = Math.max(1, settings.getLease().toMillis() / 3);
        double seconds = settings.getLease().toMillis() / 1000.0;
        // A run stuck past its own time limit stops renewing, so another worker can take the turn over.
        long renewUntil = System.nanoTime() + settings.getTimeout().plus(settings.getLease()).toNanos();
        AtomicReference<ScheduledFuture<?>> self = new AtomicReference<>();
        ScheduledFuture<?> renewal = scheduler.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - renewUntil > 0) {
                LOG.warn("turn {}: still running past its time limit; no longer renewing its lease", turn.id());
                onLost.run();
                self.get().cancel(false);
                return;
            }
            try {
                if (turns.renewLease(turn.id(), worker, seconds) == 0) {
                    LOG.warn("turn {}: lease lost (the turn ended or another worker took it over)", turn.id());
                    onLost.run();
                }
            } catch (RuntimeException e) {
                LOG.warn("turn {}: could not renew its lease: {}", turn.id(), e.toString());
            }
        }, period, period, TimeUnit.MILLISECONDS);
        self.set(renewal);
        return () -> renewal.cancel(false);
    }

    /** Hands the turn over at once (the worker is stopping); errors only delay the takeover. */
    void release(Turn turn) {
        try {
            turns.releaseLease(turn.id(), worker);
        } catch (RuntimeException e) {
            LOG.warn("turn {}: could not release its lease: {}", turn.id(), e.toString());
        }
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
