package dev.agenticchat.support.kafka;

import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.metrics.KafkaMetrics;
import dev.agenticchat.support.tracing.ConsumerTracing;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;

/** Starts the service's consumers and stops them, before the producer, on shutdown. */
@Singleton
public class EventConsumers {
    private final KafkaSettings settings;
    private final EventCodec codec;
    private final DeadLetterPublisher deadLetters;
    private final ConsumerTracing tracing;
    private final KafkaMetrics metrics;
    private final List<AutoCloseable> running = new CopyOnWriteArrayList<>();

    EventConsumers(KafkaSettings settings, EventCodec codec, DeadLetterPublisher deadLetters, ConsumerTracing tracing,
                   KafkaMetrics metrics) {
        this.tracing = tracing;
        this.metrics = metrics;
        this.settings = settings;
        this.codec = codec;
        this.deadLetters = deadLetters;
    }

    /** One record at a time, in order per partition. */
    public EventConsumer start(ConsumerSpec spec, EventHandler handler) {
        EventConsumer consumer = new EventConsumer(settings, spec, processor(spec, handler));
        running.add(consumer);
        metrics.watch(spec.fromLatest() ? KafkaMetrics.BROADCAST : spec.groupId(), consumer::kafkaMetrics);
        consumer.start();
        return consumer;
    }

    /** In order per record key, concurrently across keys, at most {@code maxInFlight} at once. */
    public KeyOrderedEventConsumer startKeyOrdered(ConsumerSpec spec, EventHandler handler, ExecutorService workers, int maxInFlight) {
        KeyOrderedEventConsumer consumer = new KeyOrderedEventConsumer(settings, spec, processor(spec, handler), workers, maxInFlight);
        running.add(consumer);
        metrics.watch(spec.fromLatest() ? KafkaMetrics.BROADCAST : spec.groupId(), consumer::kafkaMetrics);
        consumer.start();
        return consumer;
    }

    private RecordProcessor processor(ConsumerSpec spec, EventHandler handler) {
        return new RecordProcessor(spec.groupId(), codec, deadLetters, tracing, handler, spec.maxAttempts(), spec.firstBackoff(),
                !spec.fromLatest());
    }

    @PreDestroy
    void stopAll() throws Exception {
        for (AutoCloseable consumer : running) {
            consumer.close();
        }
        running.clear();
    }
}
