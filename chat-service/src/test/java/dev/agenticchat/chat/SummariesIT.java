package dev.agenticchat.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.chat.fixtures.AgentEvents;
import dev.agenticchat.chat.fixtures.ChatApi;
import dev.agenticchat.contracts.events.ConversationSummarized;
import dev.agenticchat.support.testing.TestJwks;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** GET /api/threads/{id}/summary: the latest ConversationSummarized of the owner's thread. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SummariesIT implements TestPropertyProvider {
    private static final Duration WAIT = Duration.ofSeconds(30);
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

    private static ConversationSummarized summary(Object threadId, String text, Instant periodEnd) {
        return new ConversationSummarized(threadId.toString(), text,
                new ConversationSummarized.Lead("Ada", "ada@example.com", null, null, List.of("solar panels"), List.of()),
                4, periodEnd.minusSeconds(600), periodEnd, periodEnd.plusSeconds(60));
    }

    @Test
    @SuppressWarnings("unchecked")
    void serves_the_latest_summary_of_a_thread_to_its_owner_only() {
        String tenant = "tenant-" + UUID.randomUUID();
        String owner = "user-" + UUID.randomUUID();
        ChatApi alice = new ChatApi(http, jwks.token(tenant, owner));
        ChatApi mallory = new ChatApi(http, jwks.token(tenant, "user-" + UUID.randomUUID()));
        Object threadId = alice.createThread("Solar").get("id");
        assertThat(alice.problem(HttpRequest.GET("/api/threads/" + threadId + "/summary")))
                .containsEntry("status", 404).containsEntry("title", "No summary yet");

        AgentEvents events = new AgentEvents(json);
        Instant first = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(3600);
        String eventId = events.send(summary(threadId, "Ada asked about solar panels.", first), threadId.toString(), tenant, owner);
        // Claimed for alice's thread by another user: never stored (it would be the latest).
        events.send(summary(threadId, "forged", first.plusSeconds(7200)), threadId.toString(), tenant, "user-" + UUID.randomUUID());
        events.send(eventId, summary(threadId, "Ada asked about solar panels.", first), threadId.toString(), tenant, owner);
        // Same thread, same partition: once this one shows, the ones before it were handled.
        events.send(summary(threadId, "Ada chose a 5 kW system.", first.plusSeconds(1800)), threadId.toString(), tenant, owner);

        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(alice.exchange(HttpRequest.GET("/api/threads/" + threadId + "/summary"))
                .body()).containsEntry("summary", "Ada chose a 5 kW system."));
        Map<String, Object> latest = alice.exchange(HttpRequest.GET("/api/threads/" + threadId + "/summary")).body();
        assertThat(latest).containsEntry("message_count", 4).containsEntry("thread_id", threadId);
        assertThat((Map<String, Object>) latest.get("lead")).containsEntry("email", "ada@example.com")
                .containsEntry("products_and_services", List.of("solar panels"));
        assertThat(mallory.status(HttpRequest.GET("/api/threads/" + threadId + "/summary"))).isEqualTo(404);
    }
}
