package dev.agenticchat.agent.turn;

import dev.agenticchat.support.events.EventContext;
import dev.agenticchat.support.kafka.EventPublisher;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Opens the event stream of a turn; one timer thread serves the delta coalescing of every turn. */
@Singleton
class TurnEvents {
    private final EventPublisher publisher;
    private final Duration deltaInterval;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "delta-coalescer");
        thread.setDaemon(true);
        return thread;
    });

    TurnEvents(EventPublisher publisher, TurnSettings settings) {
        this.publisher = publisher;
        this.deltaInterval = settings.getDeltaInterval();
    }

    TurnStream open(UUID turnId, String tenantId, String userId, String threadId) {
        return new TurnStream(publisher, EventContext.ofThread(tenantId, userId, threadId), turnId.toString(),
                scheduler, deltaInterval);
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
