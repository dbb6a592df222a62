package dev.agenticchat.retrieval.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;

/**
 * Documents that finished ingestion (indexed or failed) and the chunks indexed with them;
 * {@code rate()} of either is documents or chunks per second.
 */
@Context
public class IngestionMetrics {
    private final Counter indexed;
    private final Counter failed;
    private final Counter chunks;

    IngestionMetrics(MeterRegistry registry) {
        this.indexed = documents(registry, "indexed");
        this.failed = documents(registry, "failed");
        this.chunks = Counter.builder("agentic.ingestion.chunks")
                .description("Chunks of indexed documents, embedded and searchable")
                .baseUnit("chunks")
                .register(registry);
    }

    public void indexed(int chunkCount) {
        indexed.increment();
        chunks.increment(chunkCount);
    }

    public void failed() {
        failed.increment();
    }

    private static Counter documents(MeterRegistry registry, String outcome) {
        return Counter.builder("agentic.ingestion.documents")
                .description("Documents whose ingestion ended, by outcome (indexed or failed)")
                .baseUnit("documents")
                .tag("outcome", outcome)
                .register(registry);
    }
}
