package dev.agenticchat.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.contracts.events.TextDelta;
import dev.agenticchat.contracts.events.TurnCompleted;
import dev.agenticchat.contracts.events.TurnStarted;
import dev.agenticchat.gateway.fixtures.AnonymousUsers;
import dev.agenticchat.gateway.fixtures.ChatServiceStandIn;
import dev.agenticchat.gateway.fixtures.Events;
import dev.agenticchat.gateway.fixtures.TestSocket;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Resuming a thread's stream over a real socket, replayed from a real Kafka topic: what a client
 * missed while away, a second tab joining a running turn, a sender whose acknowledgement came after
 * its turn, and a client whose place is no longer in the log. Nothing lost, nothing doubled.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamResumeIT implements TestPropertyProvider {
    private final ChatServiceStandIn chat = ChatServiceStandIn.start();
    private final String eventsTopic = TestKafka.createTopic("gateway-it.resume", 2);

    @Inject
    EmbeddedServer server;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    private Events events;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "gateway.services.chat", chat.url(),
                "gateway.fanout.topics", eventsTopic,
                "gateway.stream.topic", eventsTopic);
    }

    @BeforeAll
    void awaitFanOut() {
        events = new Events(json, eventsTopic);
        User user = newUser();
        String threadId = chat.createThread(user.id());
        try (TestSocket socket = socket(user)) {
            subscribe(socket, threadId, null);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                events.send(new TextDelta("warm-up", threadId, 0, "."), user.tenantId(), user.id(), threadId);
                return !socket.framesOfType("text_delta").isEmpty();
            });
        }
    }

    @AfterAll
    void stopChat() {
        chat.close();
    }

    @Test
    void replays_exactly_what_a_reconnecting_client_missed_then_the_live_stream() {
        User user = newUser();
        User colleague = newUser();
        String threadId = chat.createThread(user.id());
        String turnId = UUID.randomUUID().toString();
        long lastSeen;
        try (TestSocket first = socket(user)) {
            subscribe(first, threadId, null);
            events.send(new TurnStarted(turnId, threadId, "m-1", "sim"), user.tenantId(), user.id(), threadId);
            events.send(new TextDelta(turnId, threadId, 0, "Hel"), user.tenantId(), user.id(), threadId);
            Map<String, Object> delta = first.awaitType("text_delta");
            lastSeen = seq(delta);
        }
        // While away: more of the turn, and an event of somebody else's on the same thread key (never shown).
        events.send(new TextDelta(turnId, threadId, 1, "lo"), user.tenantId(), user.id(), threadId);
        events.send(new TextDelta("other", threadId, 0, "not yours"), colleague.tenantId(), colleague.id(), threadId);
        events.send(new TextDelta(turnId, threadId, 2, " wor"), user.tenantId(), user.id(), threadId);

        try (TestSocket second = socket(user)) {
            subscribe(second, threadId, lastSeen);
            second.awaitNth("text_delta", 2);
            events.send(new TextDelta(turnId, threadId, 3, "ld"), user.tenantId(), user.id(), threadId);
            events.send(completed(turnId, threadId, "m-1", "Hello world"), user.tenantId(), user.id(), threadId);
            second.awaitType("turn_completed");

            List<Map<String, Object>> turn = second.frames().stream()
                    .filter(frame -> threadId.equals(frame.get("thread_id")) && frame.get("seq") != null).toList();
            assertThat(turn).extracting(frame -> frame.get("type"))
                    .containsExactly("text_delta", "text_delta", "text_delta", "assistant_message", "turn_completed");
            assertThat(turn.subList(0, 3)).extracting(frame -> frame.get("delta")).containsExactly("lo", " wor", "ld");
            assertThat(turn).extracting(StreamResumeIT::seq).isSorted().doesNotHaveDuplicates()
                    .allSatisfy(seq -> assertThat(seq).isGreaterThan(lastSeen));
            assertThat(second.framesOfType("history_required")).isEmpty();
        }
    }

    @Test
    void a_second_tab_joining_a_running_turn_gets_it_from_its_start() {
        User user = newUser();
        String threadId = chat.createThread(user.id());
        String turnId = UUID.randomUUID().toString();
        try (TestSocket first = socket(user)) {
            subscribe(first, threadId, null);
            events.send(new TurnStarted(turnId, threadId, "m-1", "sim"), user.tenantId(), user.id(), threadId);
            events.send(new TextDelta(turnId, threadId, 0, "Once "), user.tenantId(), user.id(), threadId);
            events.send(new TextDelta(turnId, threadId, 1, "upon "), user.tenantId(), user.id(), threadId);
            first.awaitNth("text_delta", 2);

            try (TestSocket tab = socket(user)) {
                subscribe(tab, threadId, null);
                tab.awaitNth("text_delta", 2);
                events.send(new TextDelta(turnId, threadId, 2, "a time"), user.tenantId(), user.id(), threadId);
                events.send(completed(turnId, threadId, "m-1", "Once upon a time"), user.tenantId(), user.id(), threadId);
                tab.awaitType("turn_completed");

                assertThat(tab.frames()).filteredOn(frame -> frame.get("seq") != null).extracting(frame -> frame.get("type"))
                        .containsExactly("turn_started", "text_delta", "text_delta", "text_delta", "assistant_message",
                                "turn_completed");
                assertThat(tab.framesOfType("text_delta")).extracting(frame -> frame.get("delta"))
                        .containsExactly("Once ", "upon ", "a time");
                // The subscription is confirmed before any of it.
                assertThat(tab.frames().stream().filter(frame -> threadId.equals(frame.get("thread_id"))).findFirst())
                        .hasValueSatisfying(frame -> assertThat(frame).containsEntry("type", "subscribed"));
            }
        }
        // After the turn, a fresh subscriber gets nothing of it again: it is stored, not running.
        try (TestSocket later = socket(user)) {
            subscribe(later, threadId, null);
            later.roundTrip();
            assertThat(later.framesOfType("text_delta")).isEmpty();
        }
    }

    @Test
    void the_sender_of_a_first_message_sees_its_whole_turn_however_late_its_ack() {
        User user = newUser();
        String turnId = UUID.randomUUID().toString();
        chat.beforeAnswering(stored -> {
            // chat-service is slow to answer: the whole turn is on Kafka before the ack leaves.
            String threadId = (String) stored.get("thread_id");
            String messageId = (String) stored.get("id");
            events.send(new TurnStarted(turnId, threadId, messageId, "sim"), user.tenantId(), user.id(), threadId);
            events.send(new TextDelta(turnId, threadId, 0, "Early "), user.tenantId(), user.id(), threadId);
            events.send(new TextDelta(turnId, threadId, 1, "bird"), user.tenantId(), user.id(), threadId);
            events.send(completed(turnId, threadId, messageId, "Early bird"), user.tenantId(), user.id(), threadId);
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (TestSocket socket = socket(user)) {
            socket.send(Map.of("type", "user_message", "content", "Hi", "client_message_id", "c-late"));
            socket.awaitType("turn_completed");
            assertThat(socket.frames()).extracting(frame -> frame.get("type")).containsSubsequence("user_message",
                    "turn_started", "text_delta", "text_delta", "assistant_message", "turn_completed");
            assertThat(socket.framesOfType("text_delta")).extracting(frame -> frame.get("delta")).containsExactly("Early ", "bird");
        } finally {
            chat.beforeAnswering(null);
        }
    }

    @Test
    void tells_a_client_whose_place_is_no_longer_in_the_log_to_load_the_stored_messages() throws Exception {
        User user = newUser();
        String threadId = chat.createThread(user.id());
        String turnId = UUID.randomUUID().toString();
        long seen;
        try (TestSocket first = socket(user)) {
            subscribe(first, threadId, null);
            events.send(new TurnStarted(turnId, threadId, "m-1", "sim"), user.tenantId(), user.id(), threadId);
            seen = seq(first.awaitType("turn_started"));
        }
        events.send(new TextDelta(turnId, threadId, 0, "gone"), user.tenantId(), user.id(), threadId);
        deleteRecordsOfThreadPartitionUpToEnd(threadId);
        events.send(new TextDelta(turnId, threadId, 1, " live"), user.tenantId(), user.id(), threadId);

        try (TestSocket second = socket(user)) {
            subscribe(second, threadId, seen);
            second.awaitType("history_required");
            events.send(completed(turnId, threadId, "m-1", "gone live"), user.tenantId(), user.id(), threadId);
            second.awaitType("turn_completed");
            assertThat(second.framesOfType("history_required").get(0)).containsEntry("thread_id", threadId);
            // The deleted delta is not invented; what is still there and what comes live is delivered.
            assertThat(second.framesOfType("text_delta")).extracting(frame -> frame.get("delta")).doesNotContain("gone");
            assertThat(second.framesOfType("assistant_message")).hasSize(1);
        }
    }

    @Test
    void refuses_a_malformed_after_seq_and_another_users_thread() {
        User user = newUser();
        User stranger = newUser();
        String threadId = chat.createThread(user.id());
        try (TestSocket socket = socket(stranger)) {
            socket.send(Map.of("type", "subscribe", "thread_id", threadId, "after_seq", 0));
            assertThat(socket.awaitType("error")).containsEntry("code", "thread_not_found");
            socket.send(Map.of("type", "subscribe", "thread_id", threadId, "after_seq", -4));
            assertThat(socket.awaitNth("error", 2)).containsEntry("code", "invalid_frame").containsEntry("field", "after_seq");
        }
    }

    /** As retention would: the log before now, on the thread's partition, is gone. */
    private void deleteRecordsOfThreadPartitionUpToEnd(String threadId) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            int partitions = admin.describeTopics(List.of(eventsTopic)).allTopicNames().get().get(eventsTopic).partitions().size();
            int partition = org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(
                    threadId.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % partitions;
            TopicPartition tp = new TopicPartition(eventsTopic, partition);
            long end = admin.listOffsets(Map.of(tp, org.apache.kafka.clients.admin.OffsetSpec.latest())).partitionResult(tp).get().offset();
            admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(end))).all().get();
        }
    }

    private static long seq(Map<String, Object> frame) {
        return ((Number) frame.get("seq")).longValue();
    }

    private void subscribe(TestSocket socket, String threadId, Long afterSeq) {
        socket.send(afterSeq == null ? Map.of("type", "subscribe", "thread_id", threadId)
                : Map.of("type", "subscribe", "thread_id", threadId, "after_seq", afterSeq));
        socket.awaitFrame(frame -> "subscribed".equals(frame.get("type")) && threadId.equals(frame.get("thread_id")));
    }

    private static TurnCompleted completed(String turnId, String threadId, String messageId, String content) {
        return new TurnCompleted(turnId, threadId, messageId, UUID.randomUUID().toString(), content,
                new TurnCompleted.Usage(8, 4, 12, 1), new TurnCompleted.Cost(new BigDecimal("0.0001"), "USD"), List.of(),
                List.of(), Instant.now());
    }

    private URI ws() {
        return URI.create("ws://127.0.0.1:" + server.getPort() + "/ws");
    }

    private User newUser() {
        Map<String, Object> session = AnonymousUsers.create(http);
        return new User((String) session.get("user_id"), (String) session.get("tenant_id"), (String) session.get("access_token"));
    }

    private record User(String id, String tenantId, String token) {
    }

    private TestSocket socket(User user) {
        return TestSocket.authenticated(ws(), user.token(), json);
    }
}
