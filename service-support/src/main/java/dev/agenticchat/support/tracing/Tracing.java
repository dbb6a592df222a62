package dev.agenticchat.support.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import jakarta.inject.Singleton;

/**
 * The suite's tracer. Spans are recorded always (their ids correlate the logs and travel to the
 * next service) and exported only when an OTLP endpoint is configured ({@link OtlpWhenConfigured}).
 */
@Singleton
public class Tracing {
    static final String INSTRUMENTATION = "dev.agenticchat";

    private final Tracer tracer;

    Tracing(OpenTelemetry openTelemetry) {
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
}
