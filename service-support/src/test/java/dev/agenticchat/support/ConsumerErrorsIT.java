package dev.agenticchat.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.support.kafka.ConsumerSpec;
import dev.agenticchat.support.kafka.EventConsumers;
import dev.agenticchat.support.kafka.EventHandler;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** A handler that throws an Error, not an Exception, costs its record and nothing more. */
@MicronautTest(environments = "test", transactional = false)
class ConsumerErrorsIT {
    @Inject
    EventConsumers consumers;

    private final List<String> handled = new CopyOnWriteArrayList<>();

    private final EventHandler failsWithAnError = event -> {
        if (new String(event.data(), StandardCharsets.UTF_8).contains("overflow")) {
            throw new StackOverflowError("handler recursed without end");
        }
        handled.add(event.id());
    };

    @Test
    void a_serial_consumer_parks_a_record_whose_handler_throws_an_error_and_handles_the_next() throws Exception {
        String topic = TestKafka.createTopic("support-test.errors-serial", 1);
        try (TestKafka.Reader dlq = new TestKafka.Reader(Topics.deadLetter(topic));
             var consumer = consumers.start(ConsumerSpec.durable("support-test-" + UUID.randomUUID(), topic), failsWithAnError)) {
            send(topic, "evt-overflows", "{\"overflow\":true}");
            send(topic, "evt-good", "{}");

            awaitParkedAndHandled(dlq);
        }
    }

    @Test
    void a_key_ordered_consumer_parks_a_record_whose_handler_throws_an_error_and_handles_the_next_of_its_key() throws Exception {
        String topic = TestKafka.createTopic("support-test.errors-key-ordered", 1);
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try (TestKafka.Reader dlq = new TestKafka.Reader(Topics.deadLetter(topic));
             var consumer = consumers.startKeyOrdered(ConsumerSpec.durable("support-test-" + UUID.randomUUID(), topic),
                     failsWithAnError, workers, 10)) {
            send(topic, "evt-overflows", "{\"overflow\":true}");
            send(topic, "evt-good", "{}");

            awaitParkedAndHandled(dlq);
        } finally {
            workers.shutdownNow();
        }
    }

    private void awaitParkedAndHandled(TestKafka.Reader dlq) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(handled).containsExactly("evt-good");
            assertThat(dlq.records()).singleElement().satisfies(record -> assertThat(TestKafka.header(record, CloudEventHeaders.DLQ_ERROR))
                    .isEqualTo("StackOverflowError: handler recursed without end"));
        });
    }

    private static void send(String topic, String id, String json) {
        TestKafka.send(topic, "one-key", json.getBytes(StandardCharsets.UTF_8), Map.of(
                CloudEventHeaders.ID, id,
                CloudEventHeaders.SOURCE, "/test",
                CloudEventHeaders.TYPE, "dev.agenticchat.test.happened",
                CloudEventHeaders.SPEC_VERSION, "1.0",
                CloudEventHeaders.TIME, Instant.now().toString()));
    }
}
