package dev.agenticchat.support.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.micronaut.context.annotation.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.TimeUnit;

/**
 * The suite's tracer. Spans are recorded always (their ids correlate the logs and travel to the
 * next service) and exported only when an OTLP endpoint is configured ({@link OtlpWhenConfigured}).
 */
@Context
public class Tracing {
    static final String INSTRUMENTATION = "dev.agenticchat";

    private final OpenTelemetry openTelemetry;
    private final Tracer tracer;

    Tracing(OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
        this.tracer = openTelemetry.getTracer(INSTRUMENTATION);
    }

    /** A span builder; the caller starts it and enters it with {@link TracedScope#of}. */
    public SpanBuilder span(String name, SpanKind kind) {
        return tracer.spanBuilder(name).setSpanKind(kind);
    }

    /** Starts an internal span as a child of the current one and makes it current until closed. */
    public TracedScope enter(String name) {
        return TracedScope.of(span(name, SpanKind.INTERNAL).startSpan());
    }

    /** Exports what is still queued and stops the exporter's thread (Micronaut does not close the SDK). */
    @PreDestroy
    void shutdown() {
        if (openTelemetry instanceof OpenTelemetrySdk sdk) {
            sdk.getSdkTracerProvider().shutdown().join(5, TimeUnit.SECONDS);
        }
    }
}
