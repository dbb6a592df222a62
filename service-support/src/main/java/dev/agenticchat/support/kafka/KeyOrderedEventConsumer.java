package dev.agenticchat.support.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes records of different keys concurrently and records of one key in order,
 * far beyond the partition count: an LLM turn waits on the network for seconds, so one
 * worker holds hundreds of them. Offsets are committed only up to the lowest record of
 * each partition still in flight, so a crash redelivers (never skips) unfinished work.
 * When {@code maxInFlight} records are in progress the consumer pauses fetching.
 */
public final class KeyOrderedEventConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KeyOrderedEventConsumer.class);

    private final ConsumerSpec spec;
    private final KafkaConsumer<String, byte[]> consumer;
    private final RecordProcessor processor;
    private final ExecutorService workers;
    private final int maxInFlight;
    private final Thread thread;
    private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    private final Map<TopicPartition, PartitionProgress> progress = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean running = true;

    KeyOrderedEventConsumer(KafkaSettings settings, ConsumerSpec spec, RecordProcessor processor,
                            ExecutorService workers, int maxInFlight) {
        this.spec = spec;
        this.processor = processor;
        this.workers = workers;
        this.maxInFlight = maxInFlight;
        Properties props = EventConsumer.consumerProperties(settings, spec);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "key-ordered-consumer-" + spec.groupId() + "-" + String.join("+", spec.topics()));
    }

    /** Offsets of one partition: which are running, and the highest one handed out. */
    private static final class PartitionProgress {
        final ConcurrentSkipListSet<Long> pending = new ConcurrentSkipListSet<>();
        final AtomicLong highestSeen = new AtomicLong(-1);
        long lastCommitted = -1;

        long committable() {
            // Read the high mark first: an offset handed out after it is above it anyway.
            long next = highestSeen.get() + 1;
            Long lowest = pending.ceiling(Long.MIN_VALUE);
            return lowest != null ? Math.min(lowest, next) : next;
        }
    }

    /** The Kafka consumer's own metrics (lag among them); safe to read from any thread. */
    public Map<MetricName, ? extends Metric> kafkaMetrics() {
        return consumer.metrics();
    }

    void start() {
        consumer.subscribe(spec.topics(), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                commit();
                partitions.forEach(progress::remove);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                partitions.forEach(p -> progress.put(p, new PartitionProgress()));
            }
        });
        thread.start();
    }

    public int inFlight() {
        return inFlight.get();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    dispatch(record);
                }
                if (inFlight.get() >= maxInFlight) {
                    consumer.pause(consumer.assignment());
                } else if (!consumer.paused().isEmpty()) {
                    consumer.resume(consumer.paused());
                }
                commit();
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("consumer {} stopped", spec.groupId(), e);
        } finally {
            commit();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void dispatch(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        PartitionProgress partitionProgress = progress.computeIfAbsent(partition, p -> new PartitionProgress());
        partitionProgress.pending.add(record.offset());
        partitionProgress.highestSeen.accumulateAndGet(record.offset(), Math::max);
        inFlight.incrementAndGet();
        String key = record.key() != null ? record.key() : partition + "@" + record.offset();
        // Chain after the key's previous record: same key in order, other keys in parallel.
        CompletableFuture<Void> tail = tails.compute(key, (k, previous) ->
                (previous == null ? CompletableFuture.<Void>completedFuture(null) : previous)
                        .thenRunAsync(() -> processSafely(record), workers));
        tail.whenComplete((ignored, error) -> {
            if (error == null) {
                partitionProgress.pending.remove(record.offset());
            }
            inFlight.decrementAndGet();
            tails.remove(key, tail);
        });
    }

    /**
     * Processes the record, or throws if the consumer is shutting down first: then the
     * record (and every later one of its key) stays pending, is not committed, and is
     * redelivered to whoever owns the partition next.
     */
    private void processSafely(ConsumerRecord<String, byte[]> record) {
        while (true) {
            if (!running) {
                throw new CancellationException("consumer stopping before " + record.topic() + "@" + record.offset());
            }
            try {
                processor.process(record);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while processing " + record.topic() + "@" + record.offset());
            } catch (RuntimeException | Error e) {
                // Not even the dead-letter topic took it: keep it pending (blocking its key) and retry.
                LOG.error("{}: cannot process or park {}@{}; retrying in 1s", spec.groupId(), record.topic(), record.offset(), e);
                try {
                    TimeUnit.SECONDS.sleep(1);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted while retrying " + record.topic() + "@" + record.offset());
                }
            }
        }
    }

    private void commit() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        progress.forEach((partition, p) -> {
            long next = p.committable();
            if (next > p.lastCommitted && next > 0) {
                offsets.put(partition, new OffsetAndMetadata(next));
                p.lastCommitted = next;
            }
        });
        if (!offsets.isEmpty()) {
            try {
                consumer.commitSync(offsets);
            } catch (RuntimeException e) {
                LOG.warn("{}: offset commit failed, will retry: {}", spec.groupId(), e.toString());
                offsets.keySet().forEach(partition -> {
                    PartitionProgress p = progress.get(partition);
                    if (p != null) {
                        p.lastCommitted = -1;
                    }
                });
            }
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
