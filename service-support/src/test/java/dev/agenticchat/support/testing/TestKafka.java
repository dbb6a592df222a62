package dev.agenticchat.support.testing;

import dev.agenticchat.contracts.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Talks to the real broker the test command started: topics, raw records, a downstream reader. */
public final class TestKafka {
    private TestKafka() {
    }

    public static String bootstrapServers() {
        String env = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        return env == null || env.isBlank() ? "127.0.0.1:9092" : env;
    }

    /** Creates a throwaway topic (and its dead-letter topic) with a unique name. */
    public static String createTopic(String prefix, int partitions) {
        String name = prefix + "." + UUID.randomUUID();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(name, Optional.of(partitions), Optional.empty()),
                    new NewTopic(name + ".dlq", Optional.of(1), Optional.empty()))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("could not create topic " + name, e);
        }
        return name;
    }

    /** The member ids of a consumer group, as the broker sees it now. */
    public static Set<String> groupMembers(String groupId) {
        return describeGroup(groupId).members().stream()
                .map(MemberDescription::consumerId).collect(Collectors.toSet());
    }

    /**
     * True once the group is stable and some member not in {@code before} holds partitions: a new
     * instance has joined and taken its share.
     */
    public static boolean joinedWithPartitions(String groupId, Set<String> before) {
        ConsumerGroupDescription group = describeGroup(groupId);
        return group.groupState() == GroupState.STABLE && group.members().stream()
                .anyMatch(m -> !before.contains(m.consumerId()) && !m.assignment().topicPartitions().isEmpty());
    }

    private static ConsumerGroupDescription describeGroup(String groupId) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            return admin.describeConsumerGroups(List.of(groupId)).describedGroups().get(groupId).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not describe group " + groupId, e);
        }
    }

    private static KafkaProducer<String, byte[]> producer;

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put("bootstrap.servers", bootstrapServers());
            producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
            Runtime.getRuntime().addShutdownHook(new Thread(producer::close));
        }
        return producer;
    }

    /** Sends one raw record and waits for the broker's acknowledgement. */
    public static void send(String topic, String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, v) -> record.headers().add(name, v.getBytes(StandardCharsets.UTF_8)));
        try {
            producer().send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends to one partition (no key), for tests that must reach each partition. */
    public static void sendTo(String topic, int partition, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, partition, null, value);
        headers.forEach((name, v) -> record.headers().add(name, v.getBytes(StandardCharsets.UTF_8)));
        try {
            producer().send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the broker knows a consumer group of this id. */
    public static boolean groupExists(String groupId) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            return admin.listConsumerGroups().all().get().stream().anyMatch(g -> g.groupId().equals(groupId));
        } catch (Exception e) {
            throw new IllegalStateException("could not list groups", e);
        }
    }

    /** Reads topics from their end on a background thread, as a downstream consumer would. */
    public static final class Reader implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final List<ConsumerRecord<String, byte[]>> records = new CopyOnWriteArrayList<>();
        private final Thread thread;
        private volatile boolean running = true;

        public Reader(String... topics) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
            consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
            consumer.subscribe(List.of(topics));
            // Join the group and take positions before returning, so nothing sent afterwards is missed.
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
            consumer.assignment().forEach(p -> consumer.position(p));
            thread = new Thread(() -> {
                while (running) {
                    consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                }
                consumer.close();
            }, "test-kafka-reader");
            thread.start();
        }

        public List<ConsumerRecord<String, byte[]>> records() {
            return new ArrayList<>(records);
        }

        public List<ConsumerRecord<String, byte[]>> withHeader(String header, String value) {
            return records().stream().filter(r -> value.equals(header(r, header))).toList();
        }

        public List<ConsumerRecord<String, byte[]>> forThread(String threadId) {
            return withHeader(CloudEventHeaders.THREAD_ID, threadId);
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(5000);
        }
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
