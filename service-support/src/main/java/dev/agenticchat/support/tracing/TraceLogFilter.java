package dev.agenticchat.support.tracing;

import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.core.propagation.ThreadPropagatedContextElement;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.reactivestreams.Publisher;

/**
 * Puts the HTTP server span's ids in the log MDC on every thread Micronaut runs the request
 * on (its propagated context sets and restores them), right after the tracing filter made the
 * span current.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
final class TraceLogFilter implements HttpServerFilter {

    @Override
    public int getOrder() {
        return ServerFilterPhase.TRACING.after();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        SpanContext ids = Span.current().getSpanContext();
        if (!ids.isValid()) {
            return chain.proceed(request);
        }
        try (PropagatedContext.Scope ignored = PropagatedContext.getOrEmpty().plus(new TraceIdsInMdc(ids)).propagate()) {
            return chain.proceed(request);
        }
    }

    private record TraceIdsInMdc(SpanContext ids) implements ThreadPropagatedContextElement<LogFields> {
        @Override
        public LogFields updateThreadContext() {
            return LogFields.of(LogFields.TRACE_ID, ids.getTraceId(), LogFields.SPAN_ID, ids.getSpanId());
        }

        @Override
        public void restoreThreadContext(LogFields previous) {
            previous.close();
        }
    }
}
