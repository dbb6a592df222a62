package dev.agenticchat.support.tracing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.tracing.opentelemetry.OpenTelemetryPropagationContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;

/**
 * Makes a span (or a remote parent) current on this thread until closed: for OpenTelemetry, for
 * Micronaut's propagated context (so HTTP clients called here, on whatever thread they run,
 * send its {@code traceparent}) and for the log MDC ({@code trace_id}, {@code span_id}, and any
 * {@link LogFields} added). Closing restores all three as they were and ends a span it started,
 * so nothing leaks to the next record or request this thread serves.
 */
public final class TracedScope implements AutoCloseable {
    private final @Nullable Span span;
    private final PropagatedContext.Scope propagated;
    private final LogFields logFields;
    private boolean failUnlessSucceeded;
    private boolean succeeded;

    private TracedScope(Context context, @Nullable Span ownedSpan) {
        this.span = ownedSpan;
        Context withSpan = ownedSpan == null ? context : context.with(ownedSpan);
        SpanContext ids = Span.fromContext(withSpan).getSpanContext();
        PropagatedContext propagatedContext = PropagatedContext.getOrEmpty().plus(new OpenTelemetryPropagationContext(withSpan));
        this.propagated = propagatedContext.propagate();
        this.logFields = ids.isValid()
                ? LogFields.of(LogFields.TRACE_ID, ids.getTraceId(), LogFields.SPAN_ID, ids.getSpanId())
                : LogFields.of();
    }

    /** Runs under {@code span}, a child of the current context, and ends it on close. */
    public static TracedScope of(Span span) {
        return new TracedScope(Context.current(), span);
    }

    /** Runs under {@code span}, a child of {@code parent}, and ends it on close. */
    public static TracedScope of(Context parent, Span span) {
        return new TracedScope(parent, span);
    }

    /** Makes a context current without a span of its own (work not worth a span still logs its trace). */
    public static TracedScope continuing(Context context) {
        return new TracedScope(context, null);
    }

    /** Adds MDC fields (turn_id, user_id) that are removed again on close. */
    public TracedScope log(String key, @Nullable Object value) {
        logFields.put(key, value);
        return this;
    }

    /** Marks the span failed with this error (it stays open until close). */
    public void fail(Throwable error) {
        if (span != null) {
            span.recordException(error);
            span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
        }
    }

    /** On close, marks the span failed unless {@link #succeeded()} was called (for work that ends in many ways). */
    public TracedScope failUnlessSucceeded() {
        failUnlessSucceeded = true;
        return this;
    }

    public void succeeded() {
        succeeded = true;
    }

    public Span span() {
        return span != null ? span : Span.current();
    }

    @Override
    public void close() {
        logFields.close();
        propagated.close();
        if (span != null) {
            if (failUnlessSucceeded && !succeeded) {
                span.setStatus(StatusCode.ERROR, "did not complete");
            }
            span.end();
        }
    }
}
