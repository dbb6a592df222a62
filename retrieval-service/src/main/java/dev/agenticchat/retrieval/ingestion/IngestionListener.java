package dev.agenticchat.retrieval.ingestion;

import dev.agenticchat.support.kafka.ConsumerSpec;
import dev.agenticchat.support.kafka.EventConsumers;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Consumes {@code retrieval.ingestion.v1}, whose records are keyed by TENANT id, in key order:
 * one tenant's documents are embedded one after another, different tenants' in parallel on the
 * worker pool. Consumed per partition instead, a tenant uploading a thousand files would hold
 * every tenant hashed to the same partition behind its queue for as long as it takes; keyed by
 * tenant and processed per key, that tenant only waits behind itself and never holds more than
 * one worker. Commands are tiny (the bytes stay in Postgres), so many may wait in memory: the
 * in-flight bound is high enough for the consumer to keep reading past one tenant's backlog.
 */
@Singleton
class IngestionListener {
    static final String GROUP = "retrieval-ingestion";
    private static final int MAX_IN_FLIGHT = 10_000;

    private final EventConsumers consumers;
    private final IngestionHandler handler;
    private final DocumentIngestion ingestion;
    private final ExecutorService workers;
    private final String topic;

    IngestionListener(EventConsumers consumers, IngestionHandler handler, DocumentIngestion ingestion,
                      IngestionSettings settings) {
        this.consumers = consumers;
        this.handler = handler;
        this.ingestion = ingestion;
        this.topic = settings.topic();
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(Math.max(1, settings.concurrency()), runnable -> {
            Thread thread = new Thread(runnable, "ingestion-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @EventListener
    void onStartup(StartupEvent event) {
        // One attempt more than the pipeline's own limit: the pipeline records the failure before the DLQ would take it.
        ConsumerSpec spec = new ConsumerSpec(GROUP, List.of(topic), false, ingestion.maxAttempts() + 1,
                Duration.ofMillis(500));
        consumers.startKeyOrdered(spec, handler::handle, workers, MAX_IN_FLIGHT);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        workers.shutdown();
        workers.awaitTermination(10, TimeUnit.SECONDS);
    }
}
