package dev.agenticchat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenticchat.simulator.SimulatorConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A visitor links their email while the agent is still answering them: the slow model makes the
 * chart and the answer arrive after every service has moved the session to the person, and the
 * person finds both in their own history.
 */
class LinkingDuringTurnE2EIT {
    /** Each model call waits this long for its first token: the link happens during the first one. */
    private static final long SLOW_MODEL_MS = 8000;
    private static final Duration TURN = Duration.ofSeconds(90);
    private static final Duration MAIL = Duration.ofSeconds(30);
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
    void a_visitor_who_links_their_email_while_the_agent_answers_finds_the_answer_and_its_chart_as_the_person() {
        String email = "lena-" + UUID.randomUUID() + "@example.com";
        Api.Session visitor = api.anonymousSession();
        suite.simulator().configure(SimulatorConfig.withDelays(SLOW_MODEL_MS, 0));
        String threadId;
        try (WsClient ws = WsClient.authenticated(suite, visitor.accessToken())) {
            ws.send(Map.of("type", "user_message", "client_message_id", UUID.randomUUID().toString(),
                    "content", "make a bar chart of quarterly sales"));
            threadId = ws.awaitType("user_message", Duration.ofSeconds(15)).path("thread_id").asText();
            ws.awaitType("turn_started", Duration.ofSeconds(15));
        }

        assertThat(api.post("/api/auth/otp/request", visitor.accessToken(), Map.of("email", email, "purpose", "link_session"))
                .status()).isEqualTo(202);
        String code = await().atMost(MAIL).until(() -> Api.codeMailedTo(suite.mail(), email), Optional::isPresent).orElseThrow();
        Api.Response linked = api.post("/api/auth/otp/verify", visitor.accessToken(),
                Map.of("email", email, "code", code, "purpose", "link_session"));
        assertThat(linked.status()).isEqualTo(200);
        String person = linked.body().path("access_token").asText();
        assertThat(api.get("/api/threads/" + threadId + "/messages", person).body().path("items"))
                .as("the link came before the answer").extracting(m -> m.path("role").asText()).doesNotContain("assistant");

        JsonNode answer = await().atMost(TURN).until(() -> lastMessage(person, threadId),
                message -> message.path("role").asText().equals("assistant"));
        assertThat(answer.path("content").asText()).as("the simulator's answer after its chart tool").contains("chart");
        assertThat(answer.path("artifact_ids")).hasSize(1);
        String artifactId = answer.path("artifact_ids").get(0).asText();
        Api.Response artifact = api.get("/api/artifacts/" + artifactId, person);
        assertThat(artifact.status()).as("the chart is the person's").isEqualTo(200);
        assertThat(artifact.body().path("type").asText()).isEqualTo("chart");
        assertThat(api.get("/api/artifacts?thread_id=" + threadId, person).body().path("items"))
                .extracting(a -> a.path("id").asText()).containsExactly(artifactId);
    }

    private static JsonNode lastMessage(String token, String threadId) {
        JsonNode items = api.get("/api/threads/" + threadId + "/messages", token).body().path("items");
        return items.get(items.size() - 1);
    }
}
