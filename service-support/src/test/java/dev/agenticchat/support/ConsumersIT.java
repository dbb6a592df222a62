package dev.agenticchat.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.support.kafka.ConsumerSpec;
import dev.agenticchat.support.kafka.EventConsumers;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@MicronautTest(environments = "test", transactional = false)
class ConsumersIT {
    @Inject
    EventConsumers consumers;

    @Test
    void parks_a_poison_record_on_the_dead_letter_topic_and_goes_on_with_the_next() throws Exception {
        String topic = TestKafka.createTopic("support-test.serial", 1);
        List<String> handled = new CopyOnWriteArrayList<>();
        try (TestKafka.Reader dlq = new TestKafka.Reader(Topics.deadLetter(topic));
             var consumer = consumers.start(ConsumerSpec.durable("support-test-" + UUID.randomUUID(), topic), event -> {
                 if (new String(event.data(), StandardCharsets.UTF_8).contains("explode")) {
                     throw new IllegalStateException("handler cannot apply this");
                 }
                 handled.add(event.id());
             })) {
            TestKafka.send(topic, "k", "no headers at all".getBytes(StandardCharsets.UTF_8), Map.of());
            send(topic, "k", "evt-explodes", "{\"explode\":true}");
            send(topic, "k", "evt-good", "{}");

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(handled).containsExactly("evt-good");
                assertThat(dlq.records()).hasSize(2);
            });
            assertThat(dlq.records()).extracting(r -> TestKafka.header(r, CloudEventHeaders.DLQ_ERROR))
                    .anySatisfy(error -> assertThat(error).contains("missing CloudEvents header ce_id"))
                    .anySatisfy(error -> assertThat(error).contains("handler cannot apply this"));
            assertThat(dlq.records()).allSatisfy(r -> assertThat(TestKafka.header(r, CloudEventHeaders.DLQ_ORIGIN)).startsWith(topic + "/0@"));
        }
    }

    @Test
    void runs_records_of_different_keys_concurrently_and_of_one_key_in_order() throws Exception {
        String topic = TestKafka.createTopic("support-test.key-ordered", 2);
        int keys = 40;
        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(64);
        for (int k = 0; k < keys; k++) {
            for (int seq = 0; seq < 3; seq++) {
                send(topic, "key-" + k, "evt-" + k + "-" + seq, "{\"seq\":" + seq + "}");
            }
        }
        long start = System.nanoTime();
        try (var consumer = consumers.startKeyOrdered(ConsumerSpec.durable("support-test-" + UUID.randomUUID(), topic), event -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            TimeUnit.MILLISECONDS.sleep(300); // stands for an LLM call waiting on the network
            String[] parts = event.id().split("-");
            seen.computeIfAbsent(parts[1], k -> new CopyOnWriteArrayList<>()).add(Integer.parseInt(parts[2]));
            running.decrementAndGet();
        }, workers, 200)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.values().stream().mapToInt(List::size).sum() == keys * 3);
        } finally {
            workers.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // Serially: 120 × 0.3 s = 36 s; per partition: 18 s. Key-level parallelism: ~3 rounds of 0.3 s.
        assertThat(seconds).isLessThan(8);
        assertThat(peak.get()).isGreaterThan(2 * 2);
        assertThat(seen).hasSize(keys);
        assertThat(seen.values()).allSatisfy(order -> assertThat(order).containsExactly(0, 1, 2));
    }

    @Test
    void a_broadcast_consumer_reads_every_partition_from_its_start_on_and_joins_no_group() throws Exception {
        String topic = TestKafka.createTopic("support-test.broadcast", 3);
        for (int p = 0; p < 3; p++) {
            sendTo(topic, p, "before-" + p);
        }
        String name = "support-test-broadcast-" + UUID.randomUUID();
        List<String> handled = new CopyOnWriteArrayList<>();
        try (var first = consumers.start(ConsumerSpec.broadcast(name, topic), event -> handled.add(event.id()));
             var second = consumers.start(ConsumerSpec.broadcast(name, topic), event -> handled.add(event.id()))) {
            // Until each has its place at the ends, warm-up records may or may not be seen.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                sendTo(topic, 0, "warm-up");
                return handled.stream().filter("warm-up"::equals).count() >= 2 && handled.size() > 2;
            });
            handled.clear();
            for (int p = 0; p < 3; p++) {
                sendTo(topic, p, "after-" + p);
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(handled.stream().filter(id -> id.startsWith("after-")))
                    .as("both instances, every partition").containsExactlyInAnyOrder("after-0", "after-0", "after-1", "after-1", "after-2", "after-2"));
            assertThat(handled).noneMatch(id -> id.startsWith("before-"));
            // No group: nothing for the broker to rebalance, so no outage or new instance moves a place.
            assertThat(TestKafka.groupExists(name)).isFalse();
        }
    }

    /**
     * A consumer batched up to 300 ms gets records sent one every 40 ms in a few fetches, not one by one,
     * and every one of them in order (an unbatched consumer would handle them about 40 ms apart).
     */
    @Test
    void a_batched_consumer_gets_a_stream_of_records_in_a_few_fetches_and_misses_none() throws Exception {
        String topic = TestKafka.createTopic("support-test.batched", 1);
        List<String> handled = new CopyOnWriteArrayList<>();
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        try (var consumer = consumers.start(ConsumerSpec.durable("support-test-" + UUID.randomUUID(), topic)
                .batchedUpTo(Duration.ofMillis(300)), event -> {
                    handled.add(event.id());
                    arrivals.add(System.nanoTime());
                })) {
            send(topic, "k", "warm-up", "{}");
            await().atMost(Duration.ofSeconds(30)).until(() -> handled.contains("warm-up"));
            handled.clear();
            arrivals.clear();
            int records = 25;
            for (int i = 0; i < records; i++) {
                send(topic, "k", "evt-" + i, "{}");
                Thread.sleep(40); // the stimulus: a stream of records over a second, as a turn's deltas come
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() == records);
            assertThat(handled).containsExactlyElementsOf(java.util.stream.IntStream.range(0, records)
                    .mapToObj(i -> "evt-" + i).toList());
            int fetches = 1;
            for (int i = 1; i < arrivals.size(); i++) {
                if (arrivals.get(i) - arrivals.get(i - 1) > TimeUnit.MILLISECONDS.toNanos(20)) {
                    fetches++;
                }
            }
            assertThat(fetches).as("handled in bursts a fetch apart").isLessThanOrEqualTo(8);
        }
    }

    private static void sendTo(String topic, int partition, String id) {
        TestKafka.sendTo(topic, partition, id.getBytes(StandardCharsets.UTF_8), Map.of(
                CloudEventHeaders.ID, id,
                CloudEventHeaders.SOURCE, "/test",
                CloudEventHeaders.TYPE, "dev.agenticchat.test.happened",
                CloudEventHeaders.SPEC_VERSION, "1.0",
                CloudEventHeaders.TIME, Instant.now().toString()));
    }

    private static void send(String topic, String key, String id, String json) {
        TestKafka.send(topic, key, json.getBytes(StandardCharsets.UTF_8), Map.of(
                CloudEventHeaders.ID, id,
                CloudEventHeaders.SOURCE, "/test",
                CloudEventHeaders.TYPE, "dev.agenticchat.test.happened",
                CloudEventHeaders.SPEC_VERSION, "1.0",
                CloudEventHeaders.TIME, Instant.now().toString()));
    }
}
