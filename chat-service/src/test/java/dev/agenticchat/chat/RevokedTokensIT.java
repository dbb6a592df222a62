package dev.agenticchat.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.chat.fixtures.ChatApi;
import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.ErasureRequested;
import dev.agenticchat.contracts.events.UserLinked;
import dev.agenticchat.support.testing.TestJwks;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Access tokens of a linked session or an erased person are refused by this service as soon as
 * the identity event is out, not when they expire 15 minutes later; one published before the
 * service started counts too (it reads back one token lifetime).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RevokedTokensIT implements TestPropertyProvider {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final TestJwks jwks = TestJwks.start();
    private final String topic = TestKafka.createTopic(Topics.IDENTITY_EVENTS, 2);
    private final String tenant = "tenant-" + UUID.randomUUID();
    private final String linkedBeforeStart = "session-" + UUID.randomUUID();

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        // Before this service starts: it must still learn of it.
        publish(UserLinked.TYPE, "{\"tenant_id\":\"" + tenant + "\",\"from_user_id\":\"" + linkedBeforeStart
                + "\",\"to_user_id\":\"person-" + UUID.randomUUID() + "\",\"linked_at\":\"" + Instant.now() + "\"}");
        return Map.of("micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl(),
                "agentic.identity.topic", topic);
    }

    @AfterAll
    void stopJwks() {
        jwks.close();
    }

    @Test
    void a_session_linked_before_the_service_started_is_refused() {
        ChatApi session = new ChatApi(http, jwks.token(tenant, linkedBeforeStart));
        await().atMost(WAIT).until(() -> session.status(HttpRequest.GET("/api/threads")) == 401);
    }

    @Test
    void an_erased_persons_token_is_refused_as_soon_as_the_erasure_is_requested_and_others_still_work() {
        String person = "person-" + UUID.randomUUID();
        String session = "session-" + UUID.randomUUID();
        ChatApi personApi = new ChatApi(http, jwks.token(tenant, person));
        ChatApi sessionApi = new ChatApi(http, jwks.token(tenant, session));
        ChatApi bystander = new ChatApi(http, jwks.token(tenant, "user-" + UUID.randomUUID()));
        assertThat(personApi.status(HttpRequest.GET("/api/threads"))).isEqualTo(200);

        Instant requested = Instant.now();
        publish(ErasureRequested.TYPE, "{\"erasure_id\":\"" + UUID.randomUUID() + "\",\"tenant_id\":\"" + tenant
                + "\",\"user_ids\":[\"" + person + "\",\"" + session + "\"],\"requested_at\":\"" + requested + "\"}");

        await().atMost(WAIT).until(() -> personApi.status(HttpRequest.GET("/api/threads")) == 401);
        assertThat(Duration.between(requested, Instant.now())).as("long before the token expires").isLessThan(Duration.ofMinutes(1));
        assertThat(sessionApi.status(HttpRequest.GET("/api/threads"))).isEqualTo(401);
        assertThat(bystander.status(HttpRequest.GET("/api/threads"))).isEqualTo(200);
    }

    private void publish(String type, String data) {
        String key = UUID.randomUUID().toString();
        TestKafka.send(topic, key, data.getBytes(StandardCharsets.UTF_8), Map.of(
                CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.SOURCE, "/agentic-chat/gateway-service",
                CloudEventHeaders.TYPE, type,
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE,
                CloudEventHeaders.TIME, Instant.now().toString(),
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_VALUE,
                CloudEventHeaders.SUBJECT, key,
                CloudEventHeaders.TENANT_ID, tenant,
                CloudEventHeaders.USER_ID, key));
    }
}
