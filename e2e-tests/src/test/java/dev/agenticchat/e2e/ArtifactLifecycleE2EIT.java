package dev.agenticchat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The artifact catalog through the product: the model's invalid arguments come back to it as
 * the 422 reason, it retries, the artifact arrives on the WebSocket; a later message updates it
 * (version 2, shown as artifact_updated) and both versions stay readable, with a diff between them.
 */
class ArtifactLifecycleE2EIT {
    private static final Duration TURN = Duration.ofSeconds(60);
    private static RunningSuite suite;
    private static Api api;

    @BeforeAll
    static void startSuite() {
        suite = RunningSuite.get();
        api = new Api(suite);
    }

    @Test
    void an_invalid_tool_call_is_corrected_the_artifact_arrives_and_an_update_makes_a_readable_second_version() {
        Api.Session session = api.anonymousSession();
        String threadId;
        String artifactId;
        try (WsClient ws = WsClient.authenticated(suite, session.accessToken())) {
            ws.send(Map.of("type", "user_message", "client_message_id", UUID.randomUUID().toString(),
                    "content", "[[tool:create_chart_artifact:invalid]] chart our quarterly sales"));
            JsonNode ack = ws.awaitType("user_message", Duration.ofSeconds(15));
            threadId = ack.path("thread_id").asText();
            ws.awaitType("turn_completed", TURN);

            List<JsonNode> tools = ws.received().stream().filter(f -> f.path("type").asText().equals("tool_execution"))
                    .filter(f -> !f.path("status").asText().equals("started")).toList();
            assertThat(tools).extracting(f -> f.path("status").asText()).containsExactly("failed", "completed");
            assertThat(tools.get(0).path("output").asText()).contains("422").contains("labels");
            JsonNode artifact = ws.received().stream().filter(f -> f.path("type").asText().equals("artifact_created"))
                    .findFirst().orElseThrow().path("artifact");
            artifactId = artifact.path("id").asText();
            assertThat(artifact.path("version").asInt()).isEqualTo(1);
            assertThat(artifact.path("type").asText()).isEqualTo("chart");

            ws.send(Map.of("type", "user_message", "thread_id", threadId, "client_message_id", UUID.randomUUID().toString(),
                    "content", "please update the chart title"));
            JsonNode updated = ws.await(f -> f.path("type").asText().equals("artifact_updated"), TURN).path("artifact");
            assertThat(updated.path("id").asText()).isEqualTo(artifactId);
            assertThat(updated.path("version").asInt()).isEqualTo(2);
            assertThat(updated.path("title").asText()).endsWith("(v2)");
            ws.awaitType("turn_completed", TURN);
        }

        Api.Response versions = api.get("/api/artifacts/" + artifactId + "/versions", session.accessToken());
        assertThat(versions.status()).isEqualTo(200);
        assertThat(versions.body().path("items")).extracting(v -> v.path("version").asInt()).containsExactly(2, 1);
        Api.Response first = api.get("/api/artifacts/" + artifactId + "/versions/1", session.accessToken());
        Api.Response second = api.get("/api/artifacts/" + artifactId + "/versions/2", session.accessToken());
        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().path("content").path("title").asText())
                .isEqualTo(first.body().path("content").path("title").asText() + " (v2)");
        Api.Response diff = api.get("/api/artifacts/" + artifactId + "/diff?from=1&to=2", session.accessToken());
        assertThat(diff.body().path("changes")).anySatisfy(change -> {
            assertThat(change.path("path").asText()).isEqualTo("/title");
            assertThat(change.path("op").asText()).isEqualTo("changed");
        });

        Api.Response stranger = api.get("/api/artifacts/" + artifactId + "/versions/1", api.anonymousSession().accessToken());
        assertThat(stranger.status()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(api.get("/api/artifacts?thread_id=" + threadId, session.accessToken()).body().path("items"))
                        .extracting(a -> a.path("version").asInt()).containsExactly(2));
    }
}
