package dev.agenticchat.support.security;

import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.DomainEvent;
import dev.agenticchat.contracts.events.ErasureRequested;
import dev.agenticchat.contracts.events.UserLinked;
import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.events.EventEnvelope;
import dev.agenticchat.support.identity.IdentitySettings;
import dev.agenticchat.support.kafka.KafkaSettings;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users whose access tokens every service refuses before they expire: a session linked to a
 * person ({@code UserLinked}'s {@code from}) and everyone erased ({@code ErasureRequested}).
 * Every instance of every service reads {@code identity.events.v1} itself, with no consumer
 * group, from one token lifetime ago: a token still valid was issued after that, so nothing
 * older matters, and an instance that just started knows what happened before it did.
 */
@Singleton
public class RevokedSubjects {
    private static final Logger LOG = LoggerFactory.getLogger(RevokedSubjects.class);

    private final KafkaSettings kafka;
    private final EventCodec codec;
    private final ApplicationEventPublisher<SubjectRevoked> publisher;
    private final String topic;
    private final Duration lookback;
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running = true;

    /** A user whose tokens stopped working, for whoever holds connections of theirs (the gateway's sockets). */
    public record SubjectRevoked(String tenantId, String userId) {
    }

    RevokedSubjects(KafkaSettings kafka, EventCodec codec, ApplicationEventPublisher<SubjectRevoked> publisher,
                    IdentitySettings identity, RevocationSettings settings) {
        this.kafka = kafka;
        this.codec = codec;
        this.publisher = publisher;
        this.topic = identity.topic();
        this.lookback = settings.lookback();
    }

    public boolean isRevoked(String subject) {
        return subject != null && revoked.containsKey(subject);
    }

    @EventListener
    void onStartup(StartupEvent event) {
        Thread thread = new Thread(this::run, "revoked-subjects-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        Properties props = kafka.baseProperties();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        while (running) {
            try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer = reader;
                List<TopicPartition> partitions = reader.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                        .map(info -> new TopicPartition(topic, info.partition())).toList();
                reader.assign(partitions);
                seekToLookback(reader, partitions);
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(500))) {
                        apply(record);
                    }
                    forgetOlderThan(Instant.now().minus(lookback));
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                // Keep what is known and start again: refusing tokens must not stop for a broker hiccup.
                LOG.warn("reading {} for revoked tokens failed, retrying: {}", topic, e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void seekToLookback(KafkaConsumer<String, byte[]> reader, List<TopicPartition> partitions) {
        long since = Instant.now().minus(lookback).toEpochMilli();
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(partition -> query.put(partition, since));
        Map<TopicPartition, OffsetAndTimestamp> offsets = reader.offsetsForTimes(query);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = offsets.get(partition);
            if (offset == null) {
                reader.seekToEnd(List.of(partition));
            } else {
                reader.seek(partition, offset.offset());
            }
        }
    }

    void apply(ConsumerRecord<String, byte[]> record) {
        DomainEvent event;
        EventEnvelope envelope;
        try {
            envelope = codec.fromRecord(record);
            if (!UserLinked.TYPE.equals(envelope.type()) && !ErasureRequested.TYPE.equals(envelope.type())) {
                return;
            }
            event = codec.decode(envelope);
        } catch (RuntimeException e) {
            LOG.debug("skipping an identity record that is not a revocation: {}", e.toString());
            return;
        }
        Instant at = Instant.ofEpochMilli(record.timestamp());
        if (event instanceof UserLinked linked) {
            revoke(linked.tenantId(), linked.fromUserId(), at);
        } else if (event instanceof ErasureRequested erasure) {
            erasure.userIds().forEach(userId -> revoke(erasure.tenantId(), userId, at));
        }
    }

    private void revoke(String tenantId, String userId, Instant at) {
        if (userId == null || userId.isBlank()) {
            return;
        }
        if (revoked.put(userId, at) == null) {
            publisher.publishEvent(new SubjectRevoked(tenantId, userId));
        }
    }

    private void forgetOlderThan(Instant cutoff) {
        revoked.values().removeIf(at -> at.isBefore(cutoff));
    }

    @PreDestroy
    void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }
}
