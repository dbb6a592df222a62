package dev.agenticchat.gateway.stream;

import dev.agenticchat.gateway.fanout.EventFrames;
import dev.agenticchat.gateway.ws.ServerFrame;
import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.events.EventEnvelope;
import dev.agenticchat.support.kafka.KafkaSettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a thread's past events back from the log they were published on: the thread's partition
 * of {@code agent.events.v1} (the record key is the thread id, so the thread's events are all there,
 * in order). Kafka keeps it for every instance and across restarts, so a client may resume on any
 * gateway. Each replay thread owns one consumer (assigned, no group, nothing committed), reused
 * from one replay to the next.
 */
@Singleton
class ThreadLog {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadLog.class);

    private final KafkaSettings kafka;
    private final StreamSettings settings;
    private final EventCodec codec;
    private final JsonMapper json;
    private final ExecutorService replays;
    private final ThreadLocal<KafkaConsumer<String, byte[]>> consumer = new ThreadLocal<>();
    private final ConcurrentLinkedQueue<KafkaConsumer<String, byte[]>> consumers = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<String, Integer> partitionCounts = new ConcurrentHashMap<>();
    /** Replays queued or running; see {@link #MAX_WAITING}. */
    private final AtomicInteger waiting = new AtomicInteger();
    private final Handover handover;
    static final int MAX_WAITING = 1_000;

    ThreadLog(KafkaSettings kafka, StreamSettings settings, EventCodec codec, JsonMapper json, Handover handover) {
        this.kafka = kafka;
        this.handover = handover;
        this.settings = settings;
        this.codec = codec;
        this.json = json;
        AtomicInteger count = new AtomicInteger();
        this.replays = Executors.newFixedThreadPool(settings.replayThreads(), runnable -> {
            Thread thread = new Thread(runnable, "stream-replay-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** What a replay should read: from {@code from}; if that is gone or too far back, from {@code fallback} (may be null). */
    record Request(Subscription subscription, long from, @Nullable Long fallback, boolean resuming) {
    }

    void replay(Request request) {
        Subscription subscription = request.subscription();
        if (waiting.incrementAndGet() > MAX_WAITING) {
            // A storm of reconnects (an instance died): past this many waiting, loading the stored messages is cheaper.
            waiting.decrementAndGet();
            if (request.resuming()) {
                subscription.reader().historyRequired(subscription.threadId());
            }
            handover.live(subscription);
            return;
        }
        replays.execute(() -> {
            waiting.decrementAndGet();
            try {
                if (!subscription.closed()) {
                    read(request);
                }
            } catch (RuntimeException e) {
                LOG.warn("could not replay thread {}: {}", subscription.threadId(), e.toString());
                subscription.reader().historyRequired(subscription.threadId());
                dropConsumer();
            } finally {
                subscription.replayDone();
            }
        });
    }

    private void read(Request request) {
        Subscription subscription = request.subscription();
        String threadId = subscription.threadId();
        KafkaConsumer<String, byte[]> log = consumer();
        TopicPartition partition = new TopicPartition(settings.topic(), partitionOf(log, threadId));
        List<TopicPartition> partitions = List.of(partition);
        log.assign(partitions);
        long begin = log.beginningOffsets(partitions).get(partition);
        long end = log.endOffsets(partitions).get(partition);
        long from = request.from();
        if (from < begin || end - from > settings.maxReplayRecords()) {
            // Older than the log keeps, or more than a replay may read: the client loads the stored messages.
            if (request.resuming()) {
                subscription.reader().historyRequired(threadId);
            }
            Long fallback = request.fallback();
            if (fallback == null || fallback < begin || fallback <= from || end - fallback > settings.maxReplayRecords()) {
                return;
            }
            from = fallback;
        }
        if (from >= end) {
            return;
        }
        log.seek(partition, from);
        long deadline = System.nanoTime() + settings.replayTimeout().toNanos();
        long position = from;
        while (position < end && !subscription.closed()) {
            if (System.nanoTime() > deadline) {
                LOG.warn("replay of thread {} took longer than {}; the client loads stored messages", threadId,
                        settings.replayTimeout());
                subscription.reader().historyRequired(threadId);
                return;
            }
            for (ConsumerRecord<String, byte[]> record : log.poll(Duration.ofMillis(200)).records(partition)) {
                if (record.offset() >= end) {
                    return;
                }
                position = record.offset() + 1;
                if (threadId.equals(record.key())) {
                    deliver(subscription, record);
                }
            }
            position = Math.max(position, log.position(partition));
        }
    }

    private void deliver(Subscription subscription, ConsumerRecord<String, byte[]> record) {
        EventEnvelope event;
        try {
            event = codec.fromRecord(record);
            if (!EventFrames.TYPES.contains(event.type()) || !subscription.threadId().equals(event.threadId())
                    || event.tenantId() == null || event.userId() == null
                    || !subscription.reader().accepts(event.tenantId(), event.userId())) {
                return;
            }
            for (ServerFrame frame : EventFrames.of(event.id(), event.threadId(), StreamPositions.seqOf(record.offset()),
                    codec.decode(event))) {
                subscription.replayed(frame, json.writeValueAsString(frame));
            }
        } catch (Exception e) {
            // The live fan-out skips what it cannot read; so does the replay.
            LOG.warn("replay skipped {}@{}: {}", record.topic(), record.offset(), e.toString());
        }
    }

    /** Kafka's default partitioner for a string key: murmur2 of its UTF-8 bytes. */
    private int partitionOf(KafkaConsumer<String, byte[]> log, String threadId) {
        int count = partitionCounts.computeIfAbsent(settings.topic(), topic -> {
            List<PartitionInfo> partitions = log.partitionsFor(topic);
            if (partitions == null || partitions.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " has no partitions");
            }
            return partitions.size();
        });
        return Utils.toPositive(Utils.murmur2(threadId.getBytes(StandardCharsets.UTF_8))) % count;
    }

    private KafkaConsumer<String, byte[]> consumer() {
        KafkaConsumer<String, byte[]> current = consumer.get();
        if (current == null) {
            Properties props = kafka.baseProperties();
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
            props.put(ConsumerConfig.CLIENT_ID_CONFIG, "gateway-replay-" + Thread.currentThread().getName());
            current = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
            consumer.set(current);
            consumers.add(current);
        }
        return current;
    }

    /** After a failure the consumer may be in any state: the next replay on this thread makes a new one. */
    private void dropConsumer() {
        KafkaConsumer<String, byte[]> current = consumer.get();
        consumer.remove();
        partitionCounts.clear();
        if (current != null) {
            consumers.remove(current);
            try {
                current.close(Duration.ofSeconds(1));
            } catch (RuntimeException ignored) {
                // closing a broken consumer is best effort
            }
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        replays.shutdownNow();
        consumers.forEach(KafkaConsumer::wakeup);
        replays.awaitTermination(5, TimeUnit.SECONDS);
        for (KafkaConsumer<String, byte[]> log : consumers) {
            try {
                log.close(Duration.ofSeconds(1));
            } catch (RuntimeException e) {
                LOG.debug("closing a replay consumer: {}", e.toString());
            }
        }
    }
}
