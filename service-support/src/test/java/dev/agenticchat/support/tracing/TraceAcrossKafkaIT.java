package dev.agenticchat.support.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.events.TurnStarted;
import dev.agenticchat.support.events.EventContext;
import dev.agenticchat.support.kafka.ConsumerSpec;
import dev.agenticchat.support.kafka.EventConsumers;
import dev.agenticchat.support.kafka.EventPublisher;
import dev.agenticchat.support.outbox.Outbox;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.MDC;

/** A turn's trace crosses Kafka: the outbox and the producer carry it in ce_traceparent, the consumer continues it. */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TraceAcrossKafkaIT implements TestPropertyProvider {
    private final String topic = TestKafka.createTopic("support-trace-it", 2);
    private final List<Handled> handled = new CopyOnWriteArrayList<>();

    @Inject
    Outbox outbox;
    @Inject
    EventPublisher publisher;
    @Inject
    EventConsumers consumers;
    @Inject
    Tracing tracing;
    @Inject
    TransactionOperations<Connection> transactions;

    /** What the handler saw of the trace while it ran. */
    record Handled(String eventId, String type, SpanContext span, String mdcTraceId, String mdcSpanId, String mdcUserId) {
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of("in-memory-spans.enabled", "true");
    }

    @BeforeAll
    void consume() {
        consumers.start(ConsumerSpec.durable("support-trace-it-" + UUID.randomUUID(), topic), event ->
                handled.add(new Handled(event.id(), event.type(), Span.current().getSpanContext(), MDC.get("trace_id"),
                        MDC.get("span_id"), MDC.get("user_id"))));
    }

    @Test
    void an_event_written_to_the_outbox_in_a_span_is_consumed_in_a_child_span_of_the_same_trace() throws Exception {
        String user = UUID.randomUUID().toString();
        SpanContext request;
        String eventId;
        try (TestKafka.Reader reader = new TestKafka.Reader(topic)) {
            try (TracedScope scope = TracedScope.of(tracing.span("POST /messages", SpanKind.SERVER).startSpan())) {
                request = scope.span().getSpanContext();
                eventId = transactions.executeWrite(status -> outbox.append(topic, turnStarted(),
                        EventContext.ofThread("tenant-1", user, UUID.randomUUID().toString())));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> handled(eventId) != null);
            String traceparent = TestKafka.header(reader.withHeader(CloudEventHeaders.ID, eventId).get(0), CloudEventHeaders.TRACE_PARENT);
            assertThat(traceparent).isEqualTo("00-" + request.getTraceId() + "-" + request.getSpanId() + "-01");
        }

        Handled seen = handled(eventId);
        assertThat(seen.span().getTraceId()).isEqualTo(request.getTraceId());
        assertThat(seen.span().getSpanId()).isNotEqualTo(request.getSpanId());
        assertThat(seen.mdcTraceId()).isEqualTo(request.getTraceId());
        assertThat(seen.mdcSpanId()).isEqualTo(seen.span().getSpanId());
        assertThat(seen.mdcUserId()).isEqualTo(user);

        SpanData consumer = awaitSpan(seen.span().getSpanId());
        assertThat(consumer.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(consumer.getParentSpanId()).isEqualTo(request.getSpanId());
        assertThat(consumer.getName()).isEqualTo("process " + topic);
        assertThat(consumer.getAttributes().asMap().toString())
                .contains("messaging.system=kafka", "messaging.destination.name=" + topic, "cloudevents.event_id=" + eventId);
    }

    @Test
    void an_event_published_directly_carries_the_current_span_and_the_consumer_continues_it() throws Exception {
        SpanContext turn;
        try (TracedScope scope = tracing.enter("agent turn")) {
            turn = scope.span().getSpanContext();
            publisher.publish(topic, turnStarted(), EventContext.ofThread("tenant-1", "user-2", UUID.randomUUID().toString()))
                    .get();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> handled.stream().anyMatch(h -> h.span().getTraceId().equals(turn.getTraceId())));
        Handled seen = handled.stream().filter(h -> h.span().getTraceId().equals(turn.getTraceId())).findFirst().orElseThrow();
        assertThat(awaitSpan(seen.span().getSpanId()).getParentSpanId()).isEqualTo(turn.getSpanId());
    }

    @Test
    void a_record_without_trace_headers_is_processed_in_a_new_trace_that_shares_nothing_with_the_previous_record() {
        String previous = UUID.randomUUID().toString();
        String bare = UUID.randomUUID().toString();
        TestKafka.send(topic, "same-key", "{\"turn_id\":\"t\",\"thread_id\":\"x\",\"message_id\":\"m\",\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8),
                Map.of(CloudEventHeaders.ID, previous, CloudEventHeaders.SOURCE, "/test", CloudEventHeaders.TYPE, TurnStarted.TYPE,
                        CloudEventHeaders.SPEC_VERSION, "1.0", CloudEventHeaders.TIME, Instant.now().toString(),
                        CloudEventHeaders.TRACE_PARENT, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                        CloudEventHeaders.USER_ID, "someone"));
        TestKafka.send(topic, "same-key", "{\"turn_id\":\"t\",\"thread_id\":\"x\",\"message_id\":\"m\",\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8),
                Map.of(CloudEventHeaders.ID, bare, CloudEventHeaders.SOURCE, "/test", CloudEventHeaders.TYPE, TurnStarted.TYPE,
                        CloudEventHeaders.SPEC_VERSION, "1.0", CloudEventHeaders.TIME, Instant.now().toString()));

        await().atMost(Duration.ofSeconds(20)).until(() -> handled(bare) != null);
        assertThat(handled(previous).span().getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        Handled seen = handled(bare);
        assertThat(seen.span().isValid()).isTrue();
        assertThat(seen.span().getTraceId()).isNotEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(seen.mdcTraceId()).isEqualTo(seen.span().getTraceId());
        assertThat(seen.mdcUserId()).isNull();
        assertThat(awaitSpan(seen.span().getSpanId()).getParentSpanContext().isValid()).isFalse();
    }

    private Handled handled(String eventId) {
        return handled.stream().filter(h -> h.eventId().equals(eventId)).findFirst().orElse(null);
    }

    private static SpanData awaitSpan(String spanId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> InMemorySpans.EXPORTER.getFinishedSpanItems().stream()
                .anyMatch(s -> s.getSpanId().equals(spanId)));
        return InMemorySpans.EXPORTER.getFinishedSpanItems().stream().filter(s -> s.getSpanId().equals(spanId)).findFirst().orElseThrow();
    }

    private static TurnStarted turnStarted() {
        return new TurnStarted(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString(), "model");
    }
}
