package dev.agenticchat.support.tracing;

import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.support.events.EventCodec;
import io.micronaut.core.annotation.Nullable;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Headers;

/**
 * The W3C trace context as the CloudEvents distributed tracing extension carries it on Kafka:
 * {@code ce_traceparent} and {@code ce_tracestate} headers (binary mode: every attribute is a
 * {@code ce_} header). Plain W3C propagation, independent of whether spans are exported.
 */
public final class TraceHeaders {
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final String TRACEPARENT = "traceparent";
    private static final String TRACESTATE = "tracestate";

    private static final TextMapSetter<Headers> SETTER = (headers, key, value) ->
            headers.add(headerName(key), value.getBytes(StandardCharsets.UTF_8));

    private static final TextMapGetter<Headers> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            return List.of(TRACEPARENT, TRACESTATE);
        }

        @Override
        public String get(@Nullable Headers headers, String key) {
            return headers == null ? null : EventCodec.header(headers, headerName(key));
        }
    };

    /** The trace context of one moment, as strings: what the outbox keeps with a row. */
    public record TraceContext(String traceparent, @Nullable String tracestate) {
    }

    private TraceHeaders() {
    }

    /** The context of the span current on this thread, or null when there is none. */
    public static @Nullable TraceContext current() {
        if (!Span.current().getSpanContext().isValid()) {
            return null;
        }
        String[] values = new String[2];
        W3C.inject(Context.current(), values, (carrier, key, value) -> {
            if (TRACEPARENT.equals(key)) {
                carrier[0] = value;
            } else if (TRACESTATE.equals(key)) {
                carrier[1] = value;
            }
        });
        return values[0] == null ? null : new TraceContext(values[0], values[1]);
    }

    /** Adds the current span's context, unless the record carries one already (a relayed or dead-lettered record). */
    public static void injectCurrent(Headers headers) {
        if (headers.lastHeader(CloudEventHeaders.TRACE_PARENT) == null && Span.current().getSpanContext().isValid()) {
            W3C.inject(Context.current(), headers, SETTER);
        }
    }

    /** Adds a stored context (an outbox row's); nothing when there is none. */
    public static void put(Headers headers, @Nullable String traceparent, @Nullable String tracestate) {
        if (traceparent == null || headers.lastHeader(CloudEventHeaders.TRACE_PARENT) != null) {
            return;
        }
        headers.add(CloudEventHeaders.TRACE_PARENT, traceparent.getBytes(StandardCharsets.UTF_8));
        if (tracestate != null && !tracestate.isEmpty()) {
            headers.add(CloudEventHeaders.TRACE_STATE, tracestate.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The producer's context as a parent, or the root context when the record has none (or a malformed one). */
    public static Context extract(Headers headers) {
        return W3C.extract(Context.root(), headers, GETTER);
    }

    private static String headerName(String key) {
        return TRACEPARENT.equals(key) ? CloudEventHeaders.TRACE_PARENT
                : TRACESTATE.equals(key) ? CloudEventHeaders.TRACE_STATE : "ce_" + key;
    }
}
