package dev.agenticchat.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.events.EventEnvelope;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

@MicronautTest(environments = "test", transactional = false)
class EventPublisherIT {
    @Inject
    EventCodec codec;

    @Test
    void an_event_sent_now_skips_the_linger_and_takes_what_was_sent_before_it_along_in_order() throws Exception {
        String topic = TestKafka.createTopic("support-test.linger", 1);
        KafkaSettings settings = new KafkaSettings();
        settings.setBootstrapServers(TestKafka.bootstrapServers());
        settings.setProducerLinger(Duration.ofSeconds(15)); // nothing goes out by itself for a while
        EventPublisher publisher = new EventPublisher(settings, codec);
        try (TestKafka.Reader reader = new TestKafka.Reader(topic)) {
            publisher.send(record(topic, "evt-lingering"));
            TimeUnit.SECONDS.sleep(2);
            assertThat(reader.records()).as("a plain send waits for the linger").isEmpty();

            publisher.sendNow(record(topic, "evt-now"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(reader.records()).hasSize(2));
            assertThat(reader.records()).extracting(r -> TestKafka.header(r, CloudEventHeaders.ID))
                    .containsExactly("evt-lingering", "evt-now");
        } finally {
            publisher.close();
        }
    }

    private ProducerRecord<String, byte[]> record(String topic, String id) {
        return codec.toRecord(topic, "thread-1", new EventEnvelope(id, "test", "dev.agenticchat.test.linger", Instant.now(),
                null, "tenant-" + UUID.randomUUID(), null, "thread-1", "{}".getBytes(StandardCharsets.UTF_8)));
    }
}
