package dev.agenticchat.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.chat.fixtures.AgentEvents;
import dev.agenticchat.chat.fixtures.ChatApi;
import dev.agenticchat.support.testing.TestJwks;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** PUT/GET /api/threads/{id}/feedback: the owner rates the answers of their thread, nobody else does. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedbackIT implements TestPropertyProvider {
    private final TestJwks jwks = TestJwks.start();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl());
    }

    @AfterAll
    void stopJwks() {
        jwks.close();
    }

    @Test
    void the_owner_rates_an_answer_and_rating_again_replaces_it() {
        String tenant = "tenant-" + UUID.randomUUID();
        String owner = "user-" + UUID.randomUUID();
        ChatApi alice = new ChatApi(http, jwks.token(tenant, owner));
        Object threadId = alice.createThread("Rated").get("id");
        Object question = alice.postedMessage(threadId, "How much?").get("id");
        UUID answer = answered(alice, threadId, tenant, owner);

        assertThat(alice.status(rate(threadId, List.of(answer), "positive"))).isEqualTo(204);
        assertThat(alice.status(rate(threadId, List.of(answer), "negative"))).isEqualTo(204);
        List<Map<String, Object>> ratings = ratings(threadId, jwks.token(tenant, owner));
        assertThat(ratings).hasSize(1);
        assertThat(ratings.get(0)).containsEntry("message_id", answer.toString()).containsEntry("kind", "negative");

        // A user message is not an answer; nor is a message of another thread, nor an unknown kind.
        assertThat(alice.problem(rate(threadId, List.of(question), "positive"))).containsEntry("status", 404);
        Object otherThread = alice.createThread("Other").get("id");
        assertThat(alice.problem(rate(otherThread, List.of(answer), "positive"))).containsEntry("status", 404);
        assertThat(alice.problem(rate(threadId, List.of(answer), "meh"))).containsEntry("status", 400);
        assertThat(alice.problem(rate(threadId, List.of(), "positive"))).containsEntry("status", 400);
    }

    @Test
    void nobody_else_rates_or_reads_the_ratings_of_a_thread() {
        String tenant = "tenant-" + UUID.randomUUID();
        String owner = "user-" + UUID.randomUUID();
        ChatApi alice = new ChatApi(http, jwks.token(tenant, owner));
        Object threadId = alice.createThread("Mine").get("id");
        alice.postedMessage(threadId, "Hi");
        UUID answer = answered(alice, threadId, tenant, owner);
        ChatApi sameTenant = new ChatApi(http, jwks.token(tenant, "user-" + UUID.randomUUID()));
        ChatApi otherTenant = new ChatApi(http, jwks.token("tenant-" + UUID.randomUUID(), owner));
        for (ChatApi stranger : List.of(sameTenant, otherTenant)) {
            assertThat(stranger.problem(rate(threadId, List.of(answer), "negative"))).containsEntry("status", 404);
            assertThat(stranger.problem(HttpRequest.GET("/api/threads/" + threadId + "/feedback"))).containsEntry("status", 404);
        }
        assertThat(new ChatApi(http, "not.a.token").status(rate(threadId, List.of(answer), "negative"))).isEqualTo(401);
        assertThat(ratings(threadId, jwks.token(tenant, owner))).isEmpty();
    }

    private List<Map<String, Object>> ratings(Object threadId, String token) {
        return http.toBlocking().retrieve(HttpRequest.GET("/api/threads/" + threadId + "/feedback").bearerAuth(token),
                io.micronaut.core.type.Argument.listOf(io.micronaut.core.type.Argument.mapOf(String.class, Object.class)));
    }

    private UUID answered(ChatApi api, Object threadId, String tenant, String owner) {
        UUID answer = UUID.randomUUID();
        new AgentEvents(json).send(AgentEvents.turnCompleted(threadId, answer, "42."), threadId.toString(), tenant, owner);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.history(threadId).stream()
                .anyMatch(message -> answer.toString().equals(message.get("id"))));
        return answer;
    }

    private static io.micronaut.http.MutableHttpRequest<?> rate(Object threadId, List<?> messageIds, String kind) {
        return HttpRequest.PUT("/api/threads/" + threadId + "/feedback", Map.of("message_ids", messageIds, "kind", kind));
    }
}
