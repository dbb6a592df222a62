package dev.agenticchat.support.tracing;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.inject.Singleton;

/** Every ended span, kept in memory, for tests that switch it on with {@code in-memory-spans.enabled}. */
@Factory
@Requires(property = "in-memory-spans.enabled", value = "true")
class InMemorySpans {
    static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();

    @Singleton
    SpanProcessor inMemory() {
        return SimpleSpanProcessor.create(EXPORTER);
    }
}
