package dev.agenticchat.support.kafka;

import dev.agenticchat.contracts.events.DomainEvent;
import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.events.EventContext;
import dev.agenticchat.support.events.EventEnvelope;
import dev.agenticchat.support.tracing.TraceHeaders;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The service's one Kafka producer. Durable events go through the outbox, whose relay sends
 * here; used directly for ephemeral events (deltas, tool progress) and by agent-service for
 * the whole of a turn, whose end event the turn row keeps until Kafka has acknowledged it.
 * Idempotent and acks=all, so a retried send neither duplicates nor reorders within a key:
 * events sent with one key reach the partition in the order they were sent.
 */
@Singleton
public class EventPublisher {
    private final KafkaProducer<String, byte[]> producer;
    private final EventCodec codec;
    private final boolean lingers;
    private final AtomicBoolean flushPending = new AtomicBoolean();
    /** Flushes for {@link #publishNow}, off the caller's thread: a flush waits for the acknowledgements. */
    private final ExecutorService flusher = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kafka-flusher");
        thread.setDaemon(true);
        return thread;
    });

    EventPublisher(KafkaSettings settings, EventCodec codec) {
        this.codec = codec;
        this.lingers = settings.getProducerLinger().toMillis() > 0;
        Properties props = settings.baseProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, (int) settings.getProducerLinger().toMillis());
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** Publishes a new event now (not transactional with any database change). */
    public CompletableFuture<RecordMetadata> publish(String topic, DomainEvent event, EventContext context) {
        EventEnvelope envelope = codec.envelope(event, context);
        return send(codec.toRecord(topic, context.recordKey(), envelope));
    }

    public CompletableFuture<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        TraceHeaders.injectCurrent(record.headers());
        CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(metadata);
            }
        });
        return result;
    }

    /**
     * Publishes an event someone waits for (a turn's first text, its end) without the producer's
     * linger: it and everything sent before it go out at once, in order, and later sends of the
     * same key still follow it. Where the producer does not linger this is {@link #publish}.
     */
    public CompletableFuture<RecordMetadata> publishNow(String topic, DomainEvent event, EventContext context) {
        EventEnvelope envelope = codec.envelope(event, context);
        return sendNow(codec.toRecord(topic, context.recordKey(), envelope));
    }

    /** {@link #send} without the linger, as {@link #publishNow}. */
    public CompletableFuture<RecordMetadata> sendNow(ProducerRecord<String, byte[]> record) {
        CompletableFuture<RecordMetadata> sent = send(record);
        if (lingers && flushPending.compareAndSet(false, true)) {
            // A flush makes every batch ready at once, this record's and any sent while it runs.
            flusher.execute(() -> {
                flushPending.set(false);
                try {
                    producer.flush();
                } catch (RuntimeException e) {
                    // Closed or interrupted: each send's own future says how it ended.
                }
            });
        }
        return sent;
    }

    /** Waits until every event sent so far is acknowledged, so later events cannot overtake them. */
    public void flush() {
        producer.flush();
    }

    @PreDestroy
    void close() {
        flusher.shutdown();
        producer.close(Duration.ofSeconds(5));
    }
}
