package dev.agenticchat.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.chat.fixtures.AgentEvents;
import dev.agenticchat.chat.fixtures.ChatApi;
import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.TextDelta;
import dev.agenticchat.contracts.events.TurnCompleted;
import dev.agenticchat.support.testing.TestDatabase;
import dev.agenticchat.support.testing.TestJwks;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentEventsIT implements TestPropertyProvider {
    private static final Duration KAFKA_WAIT = Duration.ofSeconds(30);

    private final TestJwks jwks = TestJwks.start();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    private AgentEvents agent;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl());
    }

    @BeforeAll
    void agent() {
        agent = new AgentEvents(json);
    }

    @AfterAll
    void stopJwks() {
        jwks.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void stores_a_completed_turn_once_as_the_assistant_message_with_its_usage() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        String user = "user-" + UUID.randomUUID();
        ChatApi alice = new ChatApi(http, jwks.token(tenant, user));
        String threadId = (String) alice.postedMessage(null, "Chart our quarterly sales").get("thread_id");
        Instant activeBefore = Instant.parse((String) alice.thread(threadId).get("updated_at"));
        UUID answerId = UUID.randomUUID();
        TurnCompleted completed = AgentEvents.turnCompleted(threadId, answerId, "Here is your chart.");
        String eventId = UUID.randomUUID().toString();

        try (TestKafka.Reader deadLetters = new TestKafka.Reader(Topics.deadLetter(Topics.AGENT_EVENTS))) {
            // A delta whose data is not even JSON: ignored on its type, never decoded nor recorded.
            String deltaId = UUID.randomUUID().toString();
            TestKafka.send(Topics.AGENT_EVENTS, threadId, "{not json".getBytes(StandardCharsets.UTF_8),
                    AgentEvents.headers(deltaId, TextDelta.TYPE, threadId, tenant, user));
            agent.send(eventId, completed, threadId, tenant, user);
            agent.send(eventId, completed, threadId, tenant, user);
            UUID laterId = UUID.randomUUID();
            agent.send(AgentEvents.turnCompleted(threadId, laterId, "Anything else?"), threadId, tenant, user);

            await().atMost(KAFKA_WAIT).until(() -> alice.history(threadId).size() == 3);
            List<Map<String, Object>> history = alice.history(threadId);
            assertThat(history).extracting(m -> m.get("id")).containsExactly(history.get(0).get("id"), answerId.toString(), laterId.toString());
            assertThat(history.get(1))
                    .containsEntry("role", "assistant")
                    .containsEntry("content", "Here is your chart.")
                    .containsEntry("thread_id", threadId)
                    .containsEntry("turn_id", completed.turnId())
                    .containsEntry("usage", Map.of("input_tokens", 3184, "output_tokens", 412, "total_tokens", 3596, "llm_calls", 3))
                    .containsEntry("artifact_ids", completed.artifactIds());
            Map<String, Object> cost = (Map<String, Object>) history.get(1).get("cost");
            assertThat(new BigDecimal(cost.get("amount").toString())).isEqualByComparingTo("0.00072");
            assertThat(cost).containsEntry("currency", "USD");
            assertThat((List<Map<String, Object>>) history.get(1).get("citations")).singleElement()
                    .satisfies(citation -> assertThat(citation)
                            .containsEntry("document_id", "1f2e3d4c-5b6a-4798-8a9b-0c1d2e3f4a5b").containsEntry("page", 14));
            assertThat(Instant.parse((String) alice.thread(threadId).get("updated_at"))).isAfter(activeBefore);
            assertThat(inboxed(eventId)).isTrue();
            assertThat(inboxed(deltaId)).isFalse();
            assertThat(deadLetters.forThread(threadId)).isEmpty();
        }
    }

    @Test
    void does_not_store_an_answer_in_a_thread_of_another_user() {
        String tenant = "tenant-" + UUID.randomUUID();
        String user = "user-" + UUID.randomUUID();
        ChatApi alice = new ChatApi(http, jwks.token(tenant, user));
        String threadId = (String) alice.postedMessage(null, "Only for me").get("thread_id");
        UUID intruderAnswer = UUID.randomUUID();
        UUID realAnswer = UUID.randomUUID();

        agent.send(AgentEvents.turnCompleted(threadId, intruderAnswer, "injected"), threadId, tenant, "user-" + UUID.randomUUID());
        agent.send(AgentEvents.turnCompleted(threadId, intruderAnswer, "injected"), threadId, "tenant-" + UUID.randomUUID(), user);
        agent.send(AgentEvents.turnCompleted(threadId, realAnswer, "the real answer"), threadId, tenant, user);

        // Same key, same partition: once the real answer is in, the others were handled before it.
        await().atMost(KAFKA_WAIT).until(() -> alice.history(threadId).size() >= 2);
        assertThat(alice.history(threadId)).extracting(m -> m.get("content")).containsExactly("Only for me", "the real answer");
    }

    @Test
    void parks_a_garbage_record_on_the_dead_letter_topic_and_keeps_consuming() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        String user = "user-" + UUID.randomUUID();
        ChatApi alice = new ChatApi(http, jwks.token(tenant, user));
        String threadId = (String) alice.postedMessage(null, "Are you still there?").get("thread_id");
        UUID answerId = UUID.randomUUID();

        try (TestKafka.Reader deadLetters = new TestKafka.Reader(Topics.deadLetter(Topics.AGENT_EVENTS))) {
            TestKafka.send(Topics.AGENT_EVENTS, threadId, "garbage".getBytes(StandardCharsets.UTF_8), Map.of());
            agent.send(AgentEvents.turnCompleted(threadId, answerId, "Still here."), threadId, tenant, user);

            await().atMost(KAFKA_WAIT).until(() -> deadLetters.records().stream().anyMatch(r -> threadId.equals(r.key())));
            assertThat(deadLetters.records()).filteredOn(r -> threadId.equals(r.key())).singleElement().satisfies(parked -> {
                assertThat(new String(parked.value(), StandardCharsets.UTF_8)).isEqualTo("garbage");
                assertThat(TestKafka.header(parked, CloudEventHeaders.DLQ_CONSUMER)).isEqualTo("chat-service");
                assertThat(TestKafka.header(parked, CloudEventHeaders.DLQ_ERROR)).contains("ce_id");
            });
            await().atMost(KAFKA_WAIT).until(() -> alice.history(threadId).size() == 2);
            assertThat(alice.history(threadId).get(1)).containsEntry("id", answerId.toString()).containsEntry("content", "Still here.");
        }
    }

    private static boolean inboxed(String eventId) throws SQLException {
        try (Connection admin = TestDatabase.admin();
             PreparedStatement query = admin.prepareStatement("SELECT count(*) FROM chat.inbox WHERE consumer = 'chat-service' AND event_id = ?")) {
            query.setString(1, eventId);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }
}
