package dev.agenticchat.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.ErasureRequested;
import dev.agenticchat.gateway.fixtures.TestSocket;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Refresh-token families, the maximum session age, and sockets of a revoked user. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "gateway.auth.session-max-age", value = "4s")
class SessionSecurityIT implements TestPropertyProvider {
    private static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);
    private final String identityTopic = TestKafka.createTopic(Topics.IDENTITY_EVENTS, 2);

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("agentic.identity.topic", identityTopic);
    }

    @Test
    void presenting_a_rotated_refresh_token_again_revokes_its_whole_family() {
        Map<String, Object> first = http.toBlocking().retrieve(HttpRequest.POST("/api/auth/anonymous", Map.of()), JSON);
        Map<String, Object> second = refresh((String) first.get("refresh_token"));
        assertThat(second).containsKey("access_token");

        assertThat(refreshStatus((String) first.get("refresh_token"))).as("the rotated one, replayed").isEqualTo(401);
        assertThat(refreshStatus((String) second.get("refresh_token"))).as("its successor, now revoked too").isEqualTo(401);
    }

    @Test
    void a_sign_in_is_not_refreshed_past_the_maximum_session_age_however_often_it_was() {
        Map<String, Object> session = http.toBlocking().retrieve(HttpRequest.POST("/api/auth/anonymous", Map.of()), JSON);
        String[] token = {(String) refresh((String) session.get("refresh_token")).get("refresh_token")};
        // Refreshed again and again until the 4 s maximum age ends the sign-in.
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).until(() -> {
            try {
                token[0] = (String) refresh(token[0]).get("refresh_token");
                return false;
            } catch (HttpClientResponseException e) {
                return e.getStatus().getCode() == 401;
            }
        });
        assertThat(refreshStatus(token[0])).isEqualTo(401);
    }

    @Test
    void an_erased_users_open_socket_is_closed_with_4401() {
        Map<String, Object> session = http.toBlocking().retrieve(HttpRequest.POST("/api/auth/anonymous", Map.of()), JSON);
        try (TestSocket socket = TestSocket.authenticated(URI.create("ws://127.0.0.1:" + server.getPort() + "/ws"),
                (String) session.get("access_token"), json);
             TestSocket bystander = TestSocket.authenticated(URI.create("ws://127.0.0.1:" + server.getPort() + "/ws"),
                     (String) http.toBlocking().retrieve(HttpRequest.POST("/api/auth/anonymous", Map.of()), JSON).get("access_token"),
                     json)) {
            String tenant = (String) session.get("tenant_id");
            String user = (String) session.get("user_id");
            TestKafka.send(identityTopic, user, ("{\"erasure_id\":\"" + UUID.randomUUID() + "\",\"tenant_id\":\"" + tenant
                    + "\",\"user_ids\":[\"" + user + "\"],\"requested_at\":\"" + Instant.now() + "\"}").getBytes(StandardCharsets.UTF_8),
                    Map.of(CloudEventHeaders.ID, UUID.randomUUID().toString(),
                            CloudEventHeaders.SOURCE, "/agentic-chat/gateway-service",
                            CloudEventHeaders.TYPE, ErasureRequested.TYPE,
                            CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE,
                            CloudEventHeaders.TIME, Instant.now().toString(),
                            CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_VALUE,
                            CloudEventHeaders.SUBJECT, user,
                            CloudEventHeaders.TENANT_ID, tenant,
                            CloudEventHeaders.USER_ID, user));
            assertThat(socket.awaitClose()).isEqualTo(4401);
            bystander.roundTrip();
            assertThat(bystander.isClosed()).isFalse();
        }
    }

    private Map<String, Object> refresh(String refreshToken) {
        return http.toBlocking().retrieve(HttpRequest.POST("/api/auth/refresh", Map.of("refresh_token", refreshToken)), JSON);
    }

    private int refreshStatus(String refreshToken) {
        try {
            refresh(refreshToken);
            return 200;
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }
}
