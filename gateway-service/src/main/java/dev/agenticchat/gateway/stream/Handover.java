package dev.agenticchat.gateway.stream;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Hands a subscription with nothing to replay over to the live stream, off the subscriber's thread:
 * the subscriber may hold its socket's send lock (to confirm the subscription first), and the
 * hand-over sends what arrived meanwhile.
 */
@Singleton
class Handover {
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "stream-handover");
        thread.setDaemon(true);
        return thread;
    });

    void live(Subscription subscription) {
        executor.execute(subscription::replayDone);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
