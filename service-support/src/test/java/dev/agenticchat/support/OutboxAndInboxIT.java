package dev.agenticchat.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.TurnFailed;
import dev.agenticchat.support.events.EventContext;
import dev.agenticchat.support.inbox.Inbox;
import dev.agenticchat.support.outbox.Outbox;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@MicronautTest(environments = "test", transactional = false)
class OutboxAndInboxIT {
    @Inject
    Outbox outbox;
    @Inject
    Inbox inbox;
    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    JdbcOperations jdbc;

    @Test
    void relays_a_committed_event_to_kafka_with_cloudevents_headers_and_deletes_the_row() throws Exception {
        String threadId = UUID.randomUUID().toString();
        try (TestKafka.Reader reader = new TestKafka.Reader(Topics.AGENT_EVENTS)) {
            String eventId = transactions.executeWrite(status -> outbox.append(Topics.AGENT_EVENTS,
                    failed(threadId), new EventContext("tenant-a", "user-a", threadId, threadId)));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(reader.forThread(threadId)).hasSize(1));
            ConsumerRecord<String, byte[]> record = reader.forThread(threadId).get(0);
            assertThat(record.key()).isEqualTo(threadId);
            assertThat(TestKafka.header(record, CloudEventHeaders.ID)).isEqualTo(eventId);
            assertThat(TestKafka.header(record, CloudEventHeaders.TYPE)).isEqualTo(TurnFailed.TYPE);
            assertThat(TestKafka.header(record, CloudEventHeaders.SOURCE)).isEqualTo("/agentic-chat/support-test");
            assertThat(TestKafka.header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
            assertThat(TestKafka.header(record, CloudEventHeaders.TENANT_ID)).isEqualTo("tenant-a");
            assertThat(TestKafka.header(record, CloudEventHeaders.USER_ID)).isEqualTo("user-a");
            assertThat(new String(record.value())).contains("\"code\":\"llm_unavailable\"");
            await().atMost(Duration.ofSeconds(5)).until(() -> outboxRows(eventId) == 0);
        }
    }

    @Test
    void publishes_nothing_when_the_transaction_rolls_back() throws Exception {
        String threadId = UUID.randomUUID().toString();
        try (TestKafka.Reader reader = new TestKafka.Reader(Topics.AGENT_EVENTS)) {
            try {
                transactions.executeWrite(status -> {
                    outbox.append(Topics.AGENT_EVENTS, failed(threadId), EventContext.ofThread("t", "u", threadId));
                    throw new IllegalStateException("the state change failed");
                });
            } catch (IllegalStateException expected) {
                // the point of the test
            }
            String marker = UUID.randomUUID().toString();
            transactions.executeWrite(status -> outbox.append(Topics.AGENT_EVENTS, failed(marker), EventContext.ofThread("t", "u", marker)));
            await().atMost(Duration.ofSeconds(10)).until(() -> !reader.forThread(marker).isEmpty());
            assertThat(reader.forThread(threadId)).isEmpty();
        }
    }

    @Test
    void relays_within_milliseconds_because_commit_wakes_the_relay() throws Exception {
        try (TestKafka.Reader reader = new TestKafka.Reader(Topics.AGENT_EVENTS)) {
            long worst = 0;
            for (int i = 0; i < 5; i++) {
                String threadId = UUID.randomUUID().toString();
                long start = System.nanoTime();
                transactions.executeWrite(status -> outbox.append(Topics.AGENT_EVENTS, failed(threadId), EventContext.ofThread("t", "u", threadId)));
                await().pollInterval(Duration.ofMillis(2)).atMost(Duration.ofSeconds(5)).until(() -> !reader.forThread(threadId).isEmpty());
                worst = Math.max(worst, (System.nanoTime() - start) / 1_000_000);
            }
            // The fallback poll is 1 s: staying well under it proves LISTEN/NOTIFY did the waking.
            assertThat(worst).isLessThan(500);
        }
    }

    @Test
    void an_inbox_accepts_an_event_id_once_per_consumer() {
        String eventId = UUID.randomUUID().toString();
        boolean first = transactions.executeWrite(s -> inbox.firstDelivery("consumer-a", eventId));
        boolean again = transactions.executeWrite(s -> inbox.firstDelivery("consumer-a", eventId));
        boolean otherConsumer = transactions.executeWrite(s -> inbox.firstDelivery("consumer-b", eventId));
        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(otherConsumer).isTrue();
    }

    private int outboxRows(String eventId) {
        return transactions.executeRead(status -> jdbc.prepareStatement("SELECT count(*) FROM outbox WHERE event_id = ?::uuid", st -> {
            st.setString(1, eventId);
            var rs = st.executeQuery();
            rs.next();
            return rs.getInt(1);
        }));
    }

    private static TurnFailed failed(String threadId) {
        return new TurnFailed(UUID.randomUUID().toString(), threadId, UUID.randomUUID().toString(),
                TurnFailed.LLM_UNAVAILABLE, "model unreachable", Instant.now());
    }
}
