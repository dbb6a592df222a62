package dev.agenticchat.support.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenticchat.contracts.CloudEventHeaders;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.tracing.opentelemetry.OpenTelemetryPropagationContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class TracedScopeTest {
    private final Tracing tracing = new Tracing(OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().build()).build());

    @Test
    void a_nested_scope_restores_the_outer_ids_and_the_last_one_leaves_the_mdc_as_it_found_it() {
        MDC.put(LogFields.USER_ID, "before");
        try (TracedScope outer = tracing.enter("outer").log(LogFields.TURN_ID, "turn-1")) {
            String outerSpan = outer.span().getSpanContext().getSpanId();
            try (TracedScope inner = tracing.enter("inner").log(LogFields.USER_ID, "someone")) {
                assertThat(MDC.get(LogFields.SPAN_ID)).isEqualTo(inner.span().getSpanContext().getSpanId());
                assertThat(MDC.get(LogFields.TRACE_ID)).isEqualTo(outer.span().getSpanContext().getTraceId());
                assertThat(MDC.get(LogFields.USER_ID)).isEqualTo("someone");
                assertThat(PropagatedContext.get().find(OpenTelemetryPropagationContext.class)).get()
                        .satisfies(p -> assertThat(Span.fromContext(p.context())).isSameAs(inner.span()));
            }
            assertThat(MDC.get(LogFields.SPAN_ID)).isEqualTo(outerSpan);
            assertThat(MDC.get(LogFields.USER_ID)).isEqualTo("before");
            assertThat(MDC.get(LogFields.TURN_ID)).isEqualTo("turn-1");
        }
        assertThat(MDC.get(LogFields.TRACE_ID)).isNull();
        assertThat(MDC.get(LogFields.SPAN_ID)).isNull();
        assertThat(MDC.get(LogFields.TURN_ID)).isNull();
        assertThat(MDC.get(LogFields.USER_ID)).isEqualTo("before");
        assertThat(Span.current().getSpanContext().isValid()).isFalse();
        assertThat(PropagatedContext.find()).isEmpty();
        MDC.remove(LogFields.USER_ID);
    }

    @Test
    void the_current_span_goes_on_a_record_once_and_a_record_that_has_one_keeps_it() {
        RecordHeaders fresh = new RecordHeaders();
        RecordHeaders relayed = new RecordHeaders();
        TraceHeaders.put(relayed, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "vendor=1");
        try (TracedScope scope = TracedScope.of(tracing.span("publish", SpanKind.INTERNAL).startSpan())) {
            TraceHeaders.injectCurrent(fresh);
            TraceHeaders.injectCurrent(fresh);
            TraceHeaders.injectCurrent(relayed);
            assertThat(header(fresh, CloudEventHeaders.TRACE_PARENT))
                    .isEqualTo("00-" + scope.span().getSpanContext().getTraceId() + "-" + scope.span().getSpanContext().getSpanId() + "-01");
        }
        assertThat(fresh.headers(CloudEventHeaders.TRACE_PARENT)).hasSize(1);
        assertThat(header(relayed, CloudEventHeaders.TRACE_PARENT)).isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        assertThat(header(relayed, CloudEventHeaders.TRACE_STATE)).isEqualTo("vendor=1");
        assertThat(Span.fromContext(TraceHeaders.extract(relayed)).getSpanContext().getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    }

    @Test
    void outside_a_span_nothing_is_added_and_a_malformed_header_yields_no_parent() {
        RecordHeaders headers = new RecordHeaders();
        TraceHeaders.injectCurrent(headers);
        assertThat(headers.toArray()).isEmpty();
        assertThat(TraceHeaders.current()).isNull();

        headers.add(CloudEventHeaders.TRACE_PARENT, "not-a-traceparent".getBytes(StandardCharsets.UTF_8));
        assertThat(Span.fromContext(TraceHeaders.extract(headers)).getSpanContext().isValid()).isFalse();
    }

    private static String header(RecordHeaders headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
