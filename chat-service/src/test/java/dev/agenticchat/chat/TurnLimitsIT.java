package dev.agenticchat.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.chat.fixtures.AgentEvents;
import dev.agenticchat.chat.fixtures.ChatApi;
import dev.agenticchat.contracts.events.TurnFailed;
import dev.agenticchat.support.testing.TestJwks;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Turn limits, refused before the message is stored, with 429 and Retry-After. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "chat.limits.running-turns-per-user", value = "2")
@Property(name = "chat.limits.turns-per-user-per-minute", value = "3")
@Property(name = "chat.limits.turns-per-tenant-per-minute", value = "5")
class TurnLimitsIT implements TestPropertyProvider {
    private static final Duration KAFKA_WAIT = Duration.ofSeconds(30);

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

    /** The per-minute windows are clock minutes: start where a test's few seconds cannot cross into the next. */
    @BeforeEach
    void awayFromTheEndOfAMinute() {
        await().atMost(Duration.ofSeconds(20)).until(() -> LocalTime.now(ZoneOffset.UTC).getSecond() < 45);
    }

    @Test
    void a_third_message_while_two_answers_are_still_coming_is_refused_unstored_and_admitted_once_one_ends() {
        String tenant = "tenant-" + UUID.randomUUID();
        String user = "user-" + UUID.randomUUID();
        ChatApi alice = new ChatApi(http, jwks.token(tenant, user));
        Map<String, Object> first = alice.postedMessage(null, "What is our refund policy?");
        String threadId = (String) first.get("thread_id");
        alice.postedMessage(threadId, "And for damaged items?");

        HttpClientResponseException refused = refusal(alice, threadId, "One more thing");
        assertThat(refused.getStatus().getCode()).isEqualTo(429);
        assertThat(refused.getResponse().getHeaders().get("Retry-After")).isEqualTo("5");
        assertThat(problem(refused)).containsEntry("status", 429).containsEntry("title", "Too many requests");
        assertThat((String) problem(refused).get("detail")).contains("2 answers still coming");
        assertThat(alice.history(threadId)).as("nothing half-accepted").hasSize(2);

        new AgentEvents(json).send(new TurnFailed(UUID.randomUUID().toString(), threadId, (String) first.get("id"), TurnFailed.CANCELLED,
                "cancelled", Instant.now()), threadId, tenant, user);
        await().atMost(KAFKA_WAIT).until(() -> alice.status(ChatApi.postRequest(threadId, "One more thing", "c-3")) == 201);
        assertThat(alice.history(threadId)).hasSize(3);
    }

    @Test
    void a_fourth_message_in_a_minute_is_refused_with_the_seconds_left_and_a_resend_of_a_stored_one_still_answers() {
        String tenant = "tenant-" + UUID.randomUUID();
        String user = "user-" + UUID.randomUUID();
        ChatApi bob = new ChatApi(http, jwks.token(tenant, user));
        AgentEvents agent = new AgentEvents(json);
        Map<String, Object> first = bob.postedMessage(null, "question 1");
        String thread = (String) first.get("thread_id");
        endTurn(agent, thread, (String) first.get("id"), tenant, user);
        endTurn(agent, thread, (String) bob.postedMessage(thread, "question 2").get("id"), tenant, user);
        // Admitted once the ends above are in, whatever the running-turns limit said before.
        await().atMost(KAFKA_WAIT).until(() -> bob.status(ChatApi.postRequest(thread, "question 3", "c-3")) == 201);
        endTurn(agent, thread, (String) bob.history(thread).get(2).get("id"), tenant, user);

        await().atMost(KAFKA_WAIT).until(() -> problem(refusal(bob, thread, "question 4")).get("detail").toString()
                .contains("at most 3 messages a minute"));
        HttpClientResponseException refused = refusal(bob, thread, "question 4");
        assertThat(refused.getStatus().getCode()).isEqualTo(429);
        assertThat(Long.parseLong(refused.getResponse().getHeaders().get("Retry-After"))).isBetween(1L, 60L);

        assertThat(bob.status(ChatApi.postRequest(thread, "question 3", "c-3"))).as("a resend is answered with the stored message")
                .isEqualTo(200);
        assertThat(bob.history(thread)).hasSize(3);
    }

    @Test
    void a_tenant_past_its_messages_per_minute_refuses_all_its_users_and_no_other_tenant() {
        String tenant = "tenant-" + UUID.randomUUID();
        List<ChatApi> users = List.of(user(tenant), user(tenant), user(tenant));
        users.get(0).postedMessage(null, "one");
        users.get(0).postedMessage(null, "two");
        users.get(1).postedMessage(null, "three");
        users.get(1).postedMessage(null, "four");
        users.get(2).postedMessage(null, "five");

        HttpClientResponseException refused = refusal(users.get(2), null, "six");
        assertThat(refused.getStatus().getCode()).isEqualTo(429);
        assertThat((String) problem(refused).get("detail")).contains("as many messages a minute as it may (5)");
        assertThat(user("tenant-" + UUID.randomUUID()).status(ChatApi.postRequest(null, "elsewhere", "c-1"))).isEqualTo(201);
    }

    private ChatApi user(String tenant) {
        return new ChatApi(http, jwks.token(tenant, "user-" + UUID.randomUUID()));
    }

    private static void endTurn(AgentEvents agent, String threadId, String messageId, String tenant, String user) {
        agent.send(new TurnFailed(UUID.randomUUID().toString(), threadId, messageId, TurnFailed.CANCELLED, "cancelled", Instant.now()),
                threadId, tenant, user);
    }

    /** The refusal of a new message, or null if it was accepted. */
    private static HttpClientResponseException refusal(ChatApi api, String threadId, String content) {
        try {
            api.exchange(ChatApi.postRequest(threadId, content, UUID.randomUUID().toString()));
            return null;
        } catch (HttpClientResponseException e) {
            return e;
        }
    }

    private static Map<String, Object> problem(HttpClientResponseException e) {
        return e.getResponse().getBody(Map.class).orElseThrow();
    }
}
