package dev.agenticchat.support.tracing;

import dev.agenticchat.contracts.events.DocumentIngestionProgress;
import dev.agenticchat.contracts.events.ReasoningDelta;
import dev.agenticchat.contracts.events.TextDelta;
import dev.agenticchat.support.events.EventEnvelope;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import jakarta.inject.Singleton;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The CONSUMER span a record's handler runs in (OpenTelemetry messaging conventions), a child
 * of the context its producer put in {@code ce_traceparent}; a record without one starts a new
 * trace. Streamed deltas get no span: a turn sends hundreds and every gateway instance reads
 * each, so their handlers only continue the producer's trace (for the logs) without adding to it.
 */
@Singleton
public class ConsumerTracing {
    private static final Set<String> STREAMED = Set.of(TextDelta.TYPE, ReasoningDelta.TYPE, DocumentIngestionProgress.TYPE);

    private final Tracing tracing;

    ConsumerTracing(Tracing tracing) {
        this.tracing = tracing;
    }

    public TracedScope process(String consumerGroup, ConsumerRecord<String, byte[]> record, EventEnvelope event) {
        Context parent = TraceHeaders.extract(record.headers());
        TracedScope scope;
        if (STREAMED.contains(event.type())) {
            scope = TracedScope.continuing(parent);
        } else {
            Span span = tracing.span("process " + record.topic(), SpanKind.CONSUMER)
                    .setParent(parent)
                    .setAttribute("messaging.system", "kafka")
                    .setAttribute("messaging.operation.type", "process")
                    .setAttribute("messaging.operation.name", "process")
                    .setAttribute("messaging.destination.name", record.topic())
                    .setAttribute("messaging.destination.partition.id", String.valueOf(record.partition()))
                    .setAttribute("messaging.consumer.group.name", consumerGroup)
                    .setAttribute("messaging.message.id", event.id())
                    .setAttribute("messaging.kafka.offset", record.offset())
                    .setAttribute("cloudevents.event_id", event.id())
                    .setAttribute("cloudevents.event_type", event.type())
                    .setAttribute("cloudevents.event_source", event.source())
                    .startSpan();
            scope = TracedScope.of(parent, span);
        }
        return scope.log(LogFields.USER_ID, event.userId());
    }
}
