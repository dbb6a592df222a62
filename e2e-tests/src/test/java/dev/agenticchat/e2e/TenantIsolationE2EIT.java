package dev.agenticchat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A second anonymous user can neither read the first one's thread nor receive its events. */
class TenantIsolationE2EIT {
    private static RunningSuite suite;
    private static Api api;

    @BeforeAll
    static void startSuite() {
        suite = RunningSuite.get();
        api = new Api(suite);
    }

    @Test
    void another_user_cannot_read_or_subscribe_to_a_thread_that_is_not_theirs() {
        Api.Session alice = api.anonymousSession();
        Api.Session mallory = api.anonymousSession();
        try (WsClient aliceWs = WsClient.authenticated(suite, alice.accessToken());
             WsClient malloryWs = WsClient.authenticated(suite, mallory.accessToken())) {
            aliceWs.send(Map.of("type", "user_message", "content", "make a bar chart of quarterly sales",
                    "client_message_id", UUID.randomUUID().toString()));
            String threadId = aliceWs.awaitType("user_message", Duration.ofSeconds(15)).path("thread_id").asText();
            JsonNode artifact = aliceWs.awaitType("artifact_created", Duration.ofSeconds(60)).path("artifact");
            aliceWs.awaitType("turn_completed", Duration.ofSeconds(60));

            assertThat(api.get("/api/threads/" + threadId, mallory.accessToken()).status()).isEqualTo(404);
            assertThat(api.get("/api/threads/" + threadId + "/messages", mallory.accessToken()).status()).isEqualTo(404);
            assertThat(api.get("/api/artifacts/" + artifact.path("id").asText(), mallory.accessToken()).status()).isEqualTo(404);
            assertThat(api.get("/api/threads", mallory.accessToken()).body().path("items")).isEmpty();
            Api.Response problem = api.get("/api/threads/" + threadId, mallory.accessToken());
            assertThat(problem.contentType()).startsWith("application/problem+json");

            malloryWs.send(Map.of("type", "subscribe", "thread_id", threadId));
            JsonNode refused = malloryWs.awaitType("error", Duration.ofSeconds(10));
            assertThat(refused.path("code").asText()).isEqualTo("thread_not_found");

            // Alice keeps talking; nothing of it reaches Mallory.
            aliceWs.send(Map.of("type", "user_message", "thread_id", threadId, "content", "[[text:still private]] and again",
                    "client_message_id", UUID.randomUUID().toString()));
            aliceWs.awaitType("turn_completed", Duration.ofSeconds(60));
            List<JsonNode> leaked = malloryWs.drain(Duration.ofSeconds(2));
            assertThat(leaked).noneMatch(frame -> threadId.equals(frame.path("thread_id").asText()));
        }
    }

    @Test
    void a_request_without_a_token_gets_a_problem_and_the_websocket_wants_auth_first() {
        Api.Response anonymous = api.get("/api/threads", null);
        assertThat(anonymous.status()).isEqualTo(401);
        try (WsClient ws = WsClient.connect(suite)) {
            ws.send(Map.of("type", "subscribe", "thread_id", UUID.randomUUID().toString()));
            assertThat(ws.awaitType("error", Duration.ofSeconds(10)).path("code").asText()).isEqualTo("unauthenticated");
        }
    }
}
