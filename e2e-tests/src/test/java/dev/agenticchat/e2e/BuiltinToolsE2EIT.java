package dev.agenticchat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built-in tools in turns over the WebSocket: the simulator calls the tool a message names
 * ({@code [[tool:NAME]]}) with arguments from its text, and the client sees the call and its result.
 * Recall finds the visitor's own earlier answer in another thread, never another visitor's.
 */
class BuiltinToolsE2EIT {
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
    void a_calculation_a_time_and_a_recall_of_the_visitors_own_conversations_reach_the_client() throws Exception {
        String word = "quillfeather" + UUID.randomUUID().toString().substring(0, 6);
        String visitor = api.anonymousSession().accessToken();
        String other = api.anonymousSession().accessToken();
        try (WsClient ws = WsClient.authenticated(suite, other)) {
            turn(ws, "[[text:The " + word + " order is lost.]] what about " + word + "?");
        }
        try (WsClient ws = WsClient.authenticated(suite, visitor)) {
            String earlier = turn(ws, "[[text:Your " + word + " parcel ships on Friday.]] when does " + word + " ship?")
                    .path("thread_id").asText();

            JsonNode calculation = tool(turn(ws, "[[tool:calculate]] (1250.50 * 12) / 7"), ws);
            assertThat(calculation.path("tool_name").asText()).isEqualTo("calculate");
            assertThat(JSON.readTree(calculation.path("output").asText()).path("result").asText())
                    .isEqualTo("2143.714285714285714285714285714286");

            JsonNode time = tool(turn(ws, "[[tool:current_datetime]] what time is it in Asia/Tokyo?"), ws);
            assertThat(JSON.readTree(time.path("output").asText()).path("date_time").asText()).endsWith("+09:00");

            JsonNode recall = tool(turn(ws, "[[tool:recall_conversations]] " + word + " shipping"), ws);
            JsonNode matches = JSON.readTree(recall.path("output").asText()).path("matches");
            assertThat(matches).singleElement().satisfies(match -> {
                assertThat(match.path("thread_id").asText()).isEqualTo(earlier);
                assertThat(match.path("answer").asText()).contains("ships");
            });
            assertThat(recall.path("output").asText()).doesNotContain("lost");
        }
    }

    /** Sends a message in a new thread and waits for its turn to end; answers the ack. */
    private static JsonNode turn(WsClient ws, String content) {
        String clientMessageId = UUID.randomUUID().toString();
        ws.send(Map.of("type", "user_message", "client_message_id", clientMessageId, "content", content));
        JsonNode ack = ws.await(f -> f.path("type").asText().equals("user_message")
                && f.path("client_message_id").asText().equals(clientMessageId), Duration.ofSeconds(15));
        String thread = ack.path("thread_id").asText();
        ws.await(f -> f.path("type").asText().equals("turn_completed") && f.path("thread_id").asText().equals(thread), TURN);
        return ack;
    }

    /** The completed tool execution the client was shown in that turn's thread. */
    private static JsonNode tool(JsonNode ack, WsClient ws) {
        String thread = ack.path("thread_id").asText();
        return ws.received().stream().filter(f -> f.path("type").asText().equals("tool_execution")
                && f.path("thread_id").asText().equals(thread) && f.path("status").asText().equals("completed"))
                .findFirst().orElseThrow(() -> new AssertionError("no completed tool execution in " + thread));
    }
}
