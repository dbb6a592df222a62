package dev.agenticchat.support.kafka;

import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.support.metrics.KafkaMetrics;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Parks a record that cannot be processed on {@code <topic>.dlq}, keeping its key, value and headers. */
@Singleton
public class DeadLetterPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterPublisher.class);
    private static final int MAX_ERROR_LENGTH = 2000;

    private final EventPublisher publisher;
    private final KafkaMetrics metrics;

    DeadLetterPublisher(EventPublisher publisher, KafkaMetrics metrics) {
        this.publisher = publisher;
        this.metrics = metrics;
    }

    public void publish(ConsumerRecord<String, byte[]> record, String consumer, Throwable error) {
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(Topics.deadLetter(record.topic()), record.key(), record.value());
        for (Header header : record.headers()) {
            dead.headers().add(header);
        }
        String reason = String.valueOf(error.getMessage());
        if (reason.length() > MAX_ERROR_LENGTH) {
            reason = reason.substring(0, MAX_ERROR_LENGTH);
        }
        dead.headers().add(CloudEventHeaders.DLQ_ERROR, (error.getClass().getSimpleName() + ": " + reason).getBytes(StandardCharsets.UTF_8));
        dead.headers().add(CloudEventHeaders.DLQ_CONSUMER, consumer.getBytes(StandardCharsets.UTF_8));
        dead.headers().add(CloudEventHeaders.DLQ_ORIGIN,
                (record.topic() + "/" + record.partition() + "@" + record.offset()).getBytes(StandardCharsets.UTF_8));
        try {
            publisher.send(dead).get(30, TimeUnit.SECONDS);
            metrics.deadLettered(record.topic(), consumer);
            LOG.warn("Parked {}/{}@{} on {}: {}", record.topic(), record.partition(), record.offset(), dead.topic(), reason);
        } catch (Exception e) {
            // Without a DLQ copy we must not skip the record: the caller stops and the record is redelivered.
            throw new IllegalStateException("could not dead-letter " + record.topic() + "@" + record.offset(), e);
        }
    }
}
