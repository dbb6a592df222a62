package dev.agenticchat.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The least a turn could cost on this machine, measured in the same run as the turns: one Postgres commit, one Kafka
 * produce→consume hop, one WebSocket round trip (a frame out and one back, like a message and its ack).
 */
final class Floor {

    /**
     * Kafka hops on a turn's critical path in DESIGN.md §4: MessagePosted on chat.messages.v1 (chat-service relay →
     * agent worker), then the turn's frames on agent.events.v1 (agent → gateway; TextDelta for the first delta,
     * TurnCompleted for the end). chat-service storing the answer and artifact.events.v1 are off the path.
     */
    static final int KAFKA_HOPS_PER_TURN = 2;

    record Result(Stats.Summary postgresCommit, Stats.Summary kafkaHop, Stats.Summary webSocketRoundTrip) {

        /** Floor of an ack: the round trip that carries it and the commit that stores the message. */
        double ackMs() {
            return webSocketRoundTrip.p50() + postgresCommit.p50();
        }

        /** Floor of a first delta or a completed turn, without the model's own time. */
        double turnMs() {
            return ackMs() + KAFKA_HOPS_PER_TURN * kafkaHop.p50();
        }
    }

    private Floor() {
    }

    static Result measure(String jdbcUrl, String adminUser, String adminPassword, String kafka, int samples)
            throws Exception {
        return new Result(postgres(jdbcUrl, adminUser, adminPassword, samples), kafka(kafka, samples),
                webSocket(samples));
    }

    private static Stats.Summary postgres(String url, String user, String password, int samples) throws Exception {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        List<Double> times = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, props)) {
            // A real (logged) table: a temporary one skips the WAL flush a commit waits for.
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS public.bench_floor (id UUID PRIMARY KEY, body TEXT NOT NULL)");
            }
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO public.bench_floor VALUES (?, ?)")) {
                for (int i = 0; i < samples + 5; i++) {
                    long t0 = System.nanoTime();
                    insert.setObject(1, UUID.randomUUID());
                    insert.setString(2, "{\"type\":\"user_message\",\"content\":\"bench floor\"}");
                    insert.executeUpdate();
                    c.commit();
                    if (i >= 5) {
                        times.add((System.nanoTime() - t0) / 1e6);
                    }
                }
            }
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE public.bench_floor");
            }
        }
        return Stats.Summary.of(times);
    }

    private static Stats.Summary kafka(String bootstrap, int samples) throws Exception {
        String topic = "bench.floor." + UUID.randomUUID().toString().substring(0, 8);
        Properties common = new Properties();
        common.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(common)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            try {
                return roundTrips(common, topic, samples);
            } finally {
                admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Producer settings of the services (acks=all, idempotent); the consumer polls as theirs do. */
    private static Stats.Summary roundTrips(Properties common, String topic, int samples) throws Exception {
        Properties p = new Properties();
        p.putAll(common);
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("linger.ms", "0");
        Properties c = new Properties();
        c.putAll(common);
        c.put("group.id", topic);
        c.put("enable.auto.commit", "false");
        c.put("fetch.max.wait.ms", "500");
        TopicPartition partition = new TopicPartition(topic, 0);
        List<Double> times = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);
            for (int i = 0; i < samples + 5; i++) {
                String value = "hop-" + i;
                long t0 = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, "thread", value));
                long deadline = t0 + TimeUnit.SECONDS.toNanos(10);
                boolean seen = false;
                while (!seen) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka: record " + i + " not consumed within 10 s on " + topic);
                    }
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
                    for (var r : records) {
                        seen |= r.value().equals(value);
                    }
                }
                if (i >= 5) {
                    times.add((System.nanoTime() - t0) / 1e6);
                }
            }
        }
        return Stats.Summary.of(times);
    }

    private static Stats.Summary webSocket(int samples) throws Exception {
        List<Double> times = new ArrayList<>();
        try (EchoServer echo = new EchoServer()) {
            LinkedBlockingQueue<String> inbox = new LinkedBlockingQueue<>();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(URI.create("ws://127.0.0.1:" + echo.port() + "/"), new WebSocket.Listener() {
                        private final StringBuilder partial = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                            partial.append(data);
                            if (last) {
                                inbox.add(partial.toString());
                                partial.setLength(0);
                            }
                            socket.request(1);
                            return CompletableFuture.completedFuture(null);
                        }
                    }).get(10, TimeUnit.SECONDS);
            for (int i = 0; i < samples + 5; i++) {
                String frame = "{\"type\":\"user_message\",\"content\":\"floor " + i + "\"}";
                long t0 = System.nanoTime();
                ws.sendText(frame, true).get(5, TimeUnit.SECONDS);
                String back = inbox.poll(5, TimeUnit.SECONDS);
                if (!frame.equals(back)) {
                    throw new IllegalStateException("WebSocket echo: sent " + frame + ", got " + back);
                }
                if (i >= 5) {
                    times.add((System.nanoTime() - t0) / 1e6);
                }
            }
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        }
        return Stats.Summary.of(times);
    }
}
