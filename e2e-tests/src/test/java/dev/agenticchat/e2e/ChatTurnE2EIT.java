package dev.agenticchat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.ArtifactCreated;
import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.contracts.events.TextDelta;
import dev.agenticchat.contracts.events.ToolCallCompleted;
import dev.agenticchat.contracts.events.ToolCallStarted;
import dev.agenticchat.contracts.events.TurnCompleted;
import dev.agenticchat.contracts.events.TurnStarted;
import dev.agenticchat.support.testing.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The spine's scenario, driven through the gateway as a client would, and watched on Kafka as a downstream team would. */
class ChatTurnE2EIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TURN = Duration.ofSeconds(60);
    private static RunningSuite suite;
    private static Api api;

    @BeforeAll
    static void startSuite() {
        suite = RunningSuite.get();
        api = new Api(suite);
    }

    @Test
    void a_chart_request_streams_a_turn_creates_a_validated_chart_and_lands_in_history() throws Exception {
        Api.Session session = api.anonymousSession();
        String clientMessageId = UUID.randomUUID().toString();
        JsonNode ack;
        List<JsonNode> frames;
        try (TestKafka.Reader downstream = new TestKafka.Reader(Topics.CHAT_MESSAGES, Topics.AGENT_EVENTS, Topics.ARTIFACT_EVENTS);
             WsClient ws = WsClient.authenticated(suite, session.accessToken())) {
            ws.send(Map.of("type", "user_message", "content", "make a bar chart of quarterly sales",
                    "client_message_id", clientMessageId));
            ack = ws.awaitType("user_message", Duration.ofSeconds(15));
            ws.awaitType("turn_completed", TURN);
            frames = ws.received();
            String threadId = ack.path("thread_id").asText();

            assertThat(ack.path("client_message_id").asText()).isEqualTo(clientMessageId);
            assertThat(ack.path("message_id").asText()).isNotBlank();
            assertThat(threadId).isNotBlank();

            List<JsonNode> turnFrames = frames.stream().filter(f -> !f.path("type").asText().equals("auth_ok")).toList();
            assertThat(turnFrames).allSatisfy(frame -> {
                assertThat(frame.path("thread_id").asText()).isEqualTo(threadId);
                assertThat(frame.path("event_id").asText()).isNotBlank();
            });
            List<String> types = turnFrames.stream().map(f -> f.path("type").asText()).toList();
            assertThat(types).first().isEqualTo("user_message");
            assertThat(types).containsSubsequence("user_message", "turn_started", "text_delta", "tool_execution",
                    "tool_execution", "artifact_created", "assistant_message", "turn_completed");
            assertThat(types).last().isEqualTo("turn_completed");
            assertThat(types.indexOf("turn_started")).isLessThan(types.indexOf("text_delta"));

            List<JsonNode> tools = turnFrames.stream().filter(f -> f.path("type").asText().equals("tool_execution")).toList();
            assertThat(tools).extracting(f -> f.path("tool_name").asText()).containsOnly("create_chart_artifact");
            assertThat(tools).extracting(f -> f.path("status").asText()).containsExactly("started", "completed");

            JsonNode artifact = frame(turnFrames, "artifact_created").path("artifact");
            assertThat(artifact.path("type").asText()).isEqualTo("chart");
            assertThat(artifact.path("content").path("chart_type").asText()).isEqualTo("bar");
            assertThat(artifact.path("content").path("labels")).hasSize(4);
            assertThat(artifact.path("content").path("datasets").get(0).path("data")).hasSize(4);

            JsonNode assistant = frame(turnFrames, "assistant_message");
            assertThat(assistant.path("content").asText()).contains("chart");
            assertThat(assistant.path("message_id").asText()).isNotBlank();
            JsonNode completed = frame(turnFrames, "turn_completed");
            assertThat(completed.path("usage").path("total_tokens").asLong()).isPositive();
            assertThat(completed.path("usage").path("input_tokens").asLong()).isPositive();
            assertThat(completed.path("usage").path("output_tokens").asLong()).isPositive();

            String streamed = turnFrames.stream().filter(f -> f.path("type").asText().equals("text_delta"))
                    .map(f -> f.path("delta").asText()).reduce("", String::concat);
            assertThat(streamed).isNotBlank();

            // The same story on the topics, with CloudEvents attributes a downstream consumer can route on.
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                List<ConsumerRecord<String, byte[]>> records = downstream.forThread(threadId);
                assertThat(records).extracting(r -> TestKafka.header(r, CloudEventHeaders.TYPE)).contains(
                        MessagePosted.TYPE, TurnStarted.TYPE, TextDelta.TYPE, ToolCallStarted.TYPE,
                        ToolCallCompleted.TYPE, ArtifactCreated.TYPE, TurnCompleted.TYPE);
                assertThat(records).allSatisfy(record -> {
                    assertThat(record.key()).isEqualTo(threadId);
                    assertThat(TestKafka.header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
                    assertThat(TestKafka.header(record, CloudEventHeaders.ID)).isNotBlank();
                    assertThat(TestKafka.header(record, CloudEventHeaders.SOURCE)).startsWith("/agentic-chat/");
                    assertThat(Instant.parse(TestKafka.header(record, CloudEventHeaders.TIME))).isBefore(Instant.now().plusSeconds(5));
                    assertThat(TestKafka.header(record, CloudEventHeaders.SUBJECT)).isNotBlank();
                    assertThat(TestKafka.header(record, CloudEventHeaders.TENANT_ID)).isEqualTo(session.tenantId());
                    assertThat(TestKafka.header(record, CloudEventHeaders.USER_ID)).isEqualTo(session.userId());
                    assertThat(TestKafka.header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
                });
                ConsumerRecord<String, byte[]> posted = records.stream()
                        .filter(r -> MessagePosted.TYPE.equals(TestKafka.header(r, CloudEventHeaders.TYPE))).findFirst().orElseThrow();
                assertThat(TestKafka.header(posted, CloudEventHeaders.SOURCE)).isEqualTo("/agentic-chat/chat-service");
                assertThat(JSON.readTree(posted.value()).path("content").asText()).isEqualTo("make a bar chart of quarterly sales");
            });
        }

        // Later, on a new connection, the history is there over HTTP.
        String threadId = ack.path("thread_id").asText();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Api.Response history = api.get("/api/threads/" + threadId + "/messages", session.accessToken());
            assertThat(history.status()).isEqualTo(200);
            JsonNode items = history.body().path("items");
            assertThat(items).hasSize(2);
            assertThat(items.get(0).path("role").asText()).isEqualTo("user");
            assertThat(items.get(0).path("id").asText()).isEqualTo(ack.path("message_id").asText());
            assertThat(items.get(1).path("role").asText()).isEqualTo("assistant");
            assertThat(items.get(1).path("id").asText()).isEqualTo(frame(frames, "assistant_message").path("message_id").asText());
        });
        String artifactId = frame(frames, "artifact_created").path("artifact").path("id").asText();
        Api.Response artifact = api.get("/api/artifacts/" + artifactId, session.accessToken());
        assertThat(artifact.status()).isEqualTo(200);
        assertThat(artifact.body().path("content").path("title").asText()).isEqualTo("Quarterly sales");
    }

    @Test
    void a_message_resent_after_a_dropped_connection_is_stored_and_answered_once() {
        Api.Session session = api.anonymousSession();
        String clientMessageId = UUID.randomUUID().toString();
        Map<String, String> message = Map.of("type", "user_message", "content", "[[text:hello once]] hi", "client_message_id", clientMessageId);
        String threadId;
        String messageId;
        try (WsClient first = WsClient.authenticated(suite, session.accessToken())) {
            first.send(message);
            JsonNode ack = first.awaitType("user_message", Duration.ofSeconds(15));
            threadId = ack.path("thread_id").asText();
            messageId = ack.path("message_id").asText();
            first.awaitType("turn_completed", TURN);
        }
        try (WsClient second = WsClient.authenticated(suite, session.accessToken())) {
            second.send(message);
            JsonNode again = second.awaitType("user_message", Duration.ofSeconds(15));
            assertThat(again.path("message_id").asText()).isEqualTo(messageId);
            assertThat(again.path("thread_id").asText()).isEqualTo(threadId);
            assertThat(again.path("duplicate").asBoolean()).isTrue();
            // The sender may have missed the answer when its connection dropped: it gets the same turn again
            // (same turn, same event ids), never a second one.
            List<JsonNode> frames = second.drain(Duration.ofSeconds(3));
            assertThat(frames).extracting(f -> f.path("type").asText()).containsOnlyOnce("turn_started", "assistant_message");
            assertThat(frames).filteredOn(f -> f.has("turn_id")).extracting(f -> f.path("turn_id").asText()).containsOnly(
                    frames.stream().filter(f -> "turn_started".equals(f.path("type").asText())).findFirst().orElseThrow()
                            .path("turn_id").asText());
        }
        Api.Response history = api.get("/api/threads/" + threadId + "/messages", session.accessToken());
        assertThat(history.body().path("items")).extracting(m -> m.path("role").asText()).containsExactly("user", "assistant");
    }

    private static JsonNode frame(List<JsonNode> frames, String type) {
        return frames.stream().filter(f -> type.equals(f.path("type").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " frame in " + frames));
    }
}
