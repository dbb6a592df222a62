package dev.agenticchat.support.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes records one at a time on its own thread and commits after each poll:
 * at-least-once, so handlers are idempotent (see {@code Inbox}).
 *
 * <p>A broadcast consumer ({@link ConsumerSpec#fromLatest}) joins no group: it assigns itself every
 * partition of its topics and starts at their ends. In a group it would lose its place whenever the
 * group rebalanced (it commits nothing, so a partition handed back starts again at the end): after a
 * broker outage the records the outboxes relayed before it rejoined were skipped, and the open
 * sockets never saw those turns end. Assigned, it keeps its position in memory through an outage.
 */
public final class EventConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventConsumer.class);

    private final ConsumerSpec spec;
    private final KafkaConsumer<String, byte[]> consumer;
    private final RecordProcessor processor;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean handling;
    private long nextPartitionCheck;
    private boolean firstLook = true;

    EventConsumer(KafkaSettings settings, ConsumerSpec spec, RecordProcessor processor) {
        this.spec = spec;
        this.processor = processor;
        this.consumer = new KafkaConsumer<>(consumerProperties(settings, spec), new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "consumer-" + spec.groupId() + "-" + String.join("+", spec.topics()));
    }

    static Properties consumerProperties(KafkaSettings settings, ConsumerSpec spec) {
        Properties props = settings.baseProperties();
        if (!spec.fromLatest()) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, spec.groupId());
        }
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, spec.fromLatest() ? "latest" : "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
        // A crashed instance's partitions move to the others after 10 s rather than 45 s.
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        if (!spec.batchWait().isZero() && !spec.batchWait().isNegative()) {
            props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1 << 20);
            props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) spec.batchWait().toMillis());
        }
        return props;
    }

    /** The Kafka consumer's own metrics (lag among them); safe to read from any thread. */
    public Map<MetricName, ? extends Metric> kafkaMetrics() {
        return consumer.metrics();
    }

    void start() {
        if (!spec.fromLatest()) {
            consumer.subscribe(spec.topics());
        }
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                if (spec.fromLatest() && System.nanoTime() >= nextPartitionCheck) {
                    assignPartitions();
                    if (consumer.assignment().isEmpty()) {
                        pause(); // no topic known yet (the broker is away, or the topics are not created)
                        continue;
                    }
                }
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                for (ConsumerRecord<String, byte[]> record : records) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    try {
                        handling = true;
                        processor.process(record);
                        done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (RuntimeException | Error e) {
                        // Could not even dead-letter it: rewind every partition of this batch to its
                        // first unprocessed record and try again after a pause.
                        LOG.error("{}: cannot process or park {}@{}; retrying", spec.groupId(), record.topic(), record.offset(), e);
                        for (TopicPartition p : records.partitions()) {
                            OffsetAndMetadata processed = done.get(p);
                            consumer.seek(p, processed != null ? processed.offset() : records.records(p).get(0).offset());
                        }
                        pause();
                        break;
                    } finally {
                        handling = false;
                    }
                }
                commit(done);
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            if (running) {
                LOG.error("consumer {} stopped", spec.groupId(), e);
            }
        } finally {
            Thread.interrupted(); // a close() interrupt must not abort closing the consumer
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (InterruptException e) {
                // Interrupted again while leaving the group: the consumer is closed all the same.
                LOG.debug("consumer {} closed while interrupted", spec.groupId());
            }
        }
    }

    /**
     * Broadcast: takes every partition of the topics, those known at the first look from their end and
     * any that appear later (a topic created after the start, partitions added) from their beginning,
     * since all they hold came after. Looks again every 30 s, every second while a topic is missing.
     */
    private void assignPartitions() {
        Set<TopicPartition> assigned = new HashSet<>(consumer.assignment());
        Set<TopicPartition> added = new HashSet<>();
        boolean missing = false;
        for (String topic : spec.topics()) {
            List<PartitionInfo> partitions;
            try {
                partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                partitions = List.of();
            }
            missing |= partitions.isEmpty();
            for (PartitionInfo info : partitions) {
                TopicPartition partition = new TopicPartition(info.topic(), info.partition());
                if (assigned.add(partition)) {
                    added.add(partition);
                }
            }
        }
        if (!added.isEmpty()) {
            consumer.assign(assigned);
            if (firstLook) {
                consumer.seekToEnd(added);
            } else {
                consumer.seekToBeginning(added);
            }
            LOG.info("{}: reading {} partitions of {}", spec.groupId(), assigned.size(), spec.topics());
        }
        firstLook = false;
        nextPartitionCheck = System.nanoTime() + (missing ? TimeUnit.SECONDS.toNanos(1) : TimeUnit.SECONDS.toNanos(30));
    }

    /** Broadcast consumers commit nothing (they have no group); their place is in memory. */
    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (offsets.isEmpty() || spec.fromLatest()) {
            return;
        }
        try {
            consumer.commitSync(offsets);
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            // A rebalance or a broker outage: the records are redelivered and the inbox makes that harmless.
            LOG.warn("{}: offset commit failed, records will be redelivered: {}", spec.groupId(), e.toString());
        }
    }

    private static void pause() {
        try {
            TimeUnit.SECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        // Ends a handler waiting out an outage, so the consumer closes instead of lingering; only a
        // handler: an interrupt while polling or leaving the group would cut the leave short.
        if (handling) {
            thread.interrupt();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
