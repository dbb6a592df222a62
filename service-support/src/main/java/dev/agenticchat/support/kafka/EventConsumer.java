package dev.agenticchat.support.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
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
 */
public final class EventConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventConsumer.class);

    private final ConsumerSpec spec;
    private final KafkaConsumer<String, byte[]> consumer;
    private final RecordProcessor processor;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean handling;

    EventConsumer(KafkaSettings settings, ConsumerSpec spec, RecordProcessor processor) {
        this.spec = spec;
        this.processor = processor;
        this.consumer = new KafkaConsumer<>(consumerProperties(settings, spec), new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "consumer-" + spec.groupId() + "-" + String.join("+", spec.topics()));
    }

    static Properties consumerProperties(KafkaSettings settings, ConsumerSpec spec) {
        Properties props = settings.baseProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, spec.groupId());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, spec.fromLatest() ? "latest" : "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
        // A crashed instance's partitions move to the others after 10 s rather than 45 s.
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        return props;
    }

    /** The Kafka consumer's own metrics (lag among them); safe to read from any thread. */
    public Map<MetricName, ? extends Metric> kafkaMetrics() {
        return consumer.metrics();
    }

    void start() {
        consumer.subscribe(spec.topics());
        thread.start();
    }

    private void run() {
        try {
            while (running) {
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

    /** Broadcast groups commit nothing: with no offsets, Kafka forgets the group when its instance leaves. */
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
