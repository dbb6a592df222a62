package dev.agenticchat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenticchat.simulator.SimulatorConfig;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Nothing acknowledged is lost when a service dies mid-turn. */
class CrashRecoveryE2EIT {
    private static RunningSuite suite;
    private static Api api;

    @BeforeAll
    static void startSuite() {
        suite = RunningSuite.get();
        api = new Api(suite);
    }

    @AfterEach
    void usualPace() {
        suite.simulator().configure(RunningSuite.USUAL_PACE);
    }

    @Test
    void a_turn_cut_short_by_an_agent_crash_is_answered_in_full_once_the_agent_is_back() {
        // A slow model: the crash lands while the answer is still streaming.
        suite.simulator().configure(new SimulatorConfig(20, 150, 0, 500));
        String story = IntStream.rangeClosed(1, 30).mapToObj(i -> "word" + i).collect(Collectors.joining(" "));
        Api.Session session = api.anonymousSession();
        try (WsClient ws = WsClient.authenticated(suite, session.accessToken())) {
            ws.send(Map.of("type", "user_message", "content", "[[text:" + story + "]] tell me a story",
                    "client_message_id", UUID.randomUUID().toString()));
            String threadId = ws.awaitType("user_message", Duration.ofSeconds(15)).path("thread_id").asText();
            ws.awaitType("text_delta", Duration.ofSeconds(30));

            suite.crash("agent-service");
            suite.restart("agent-service");

            JsonNode answer = ws.awaitType("assistant_message", Duration.ofSeconds(90));
            assertThat(answer.path("content").asText()).isEqualTo(story);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                JsonNode items = api.get("/api/threads/" + threadId + "/messages", session.accessToken()).body().path("items");
                assertThat(items).extracting(m -> m.path("role").asText()).containsExactly("user", "assistant");
                assertThat(items.get(1).path("content").asText()).isEqualTo(story);
            });
        }
    }
}
