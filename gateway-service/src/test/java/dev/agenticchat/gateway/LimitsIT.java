package dev.agenticchat.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenticchat.gateway.fixtures.ChatServiceStandIn;
import dev.agenticchat.gateway.fixtures.TestSocket;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The gateway's limits: anonymous sessions per client address (counted in Postgres, so across
 * replicas), sockets per address and per user, and chat-service's turn limits as WebSocket frames.
 * Behind one trusted proxy, each test is its own client address.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "gateway.auth.anonymous-sessions-per-ip-per-hour", value = "3")
@Property(name = "gateway.trusted-proxies", value = "1")
@Property(name = "gateway.ws.max-connections-per-address", value = "3")
@Property(name = "gateway.ws.max-connections-per-user", value = "2")
class LimitsIT implements TestPropertyProvider {
    private static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);
    private final ChatServiceStandIn chat = ChatServiceStandIn.start();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("gateway.services.chat", chat.url());
    }

    @AfterAll
    void stopChat() {
        chat.close();
    }

    @Test
    void a_client_address_past_its_anonymous_sessions_per_hour_gets_429_with_retry_after_even_with_a_forged_header() {
        String address = randomAddress();
        for (int i = 0; i < 3; i++) {
            assertThat(startSession(address).getStatus().getCode()).isEqualTo(200);
        }
        HttpClientResponseException refused = refusal(address);
        assertThat(refused.getStatus().getCode()).isEqualTo(429);
        assertThat(Long.parseLong(refused.getResponse().getHeaders().get("Retry-After"))).isBetween(1L, 3600L);
        assertThat(refused.getResponse().getBody(JSON).orElseThrow()).containsEntry("status", 429)
                .hasEntrySatisfying("detail", detail -> assertThat((String) detail).contains("at most 3 new sessions per hour"));
        assertThat(refusal(randomAddress() + ", " + address)).as("a forged left-most address changes nothing").isNotNull();
        assertThat(startSession(randomAddress()).getStatus().getCode()).as("another address").isEqualTo(200);
    }

    @Test
    void a_user_with_two_sockets_is_told_rate_limited_on_a_third_which_then_closes() {
        String address = randomAddress();
        String token = (String) startSession(address).body().get("access_token");
        try (TestSocket first = socket(address); TestSocket second = socket(address); TestSocket third = socket(address)) {
            authenticate(first, token).awaitType("auth_ok");
            authenticate(second, token).awaitType("auth_ok");
            Map<String, Object> error = authenticate(third, token).awaitType("error");
            assertThat(error).containsEntry("code", "rate_limited").containsEntry("retry_after_ms", 10000);
            assertThat(third.awaitClose()).isEqualTo(1008);
            assertThat(first.isClosed()).isFalse();
        }
    }

    @Test
    void a_client_address_past_its_sockets_is_told_rate_limited_and_closed() {
        String address = randomAddress();
        try (TestSocket a = socket(address); TestSocket b = socket(address); TestSocket c = socket(address);
             TestSocket d = socket(address)) {
            assertThat(d.awaitType("error")).containsEntry("code", "rate_limited");
            assertThat(d.awaitClose()).isEqualTo(1008);
            assertThat(a.isClosed()).isFalse();
        }
        try (TestSocket other = socket(randomAddress())) {
            other.send(Map.of("type", "ping"));
            assertThat(other.awaitType("error")).as("served: told to authenticate, not refused")
                    .containsEntry("code", "unauthenticated");
        }
    }

    @Test
    void a_message_chat_service_refuses_for_a_turn_limit_is_a_rate_limited_frame_and_the_socket_stays() {
        String address = randomAddress();
        String token = (String) startSession(address).body().get("access_token");
        try (TestSocket socket = socket(address)) {
            authenticate(socket, token).awaitType("auth_ok");
            socket.send(Map.of("type", "user_message", "content", ChatServiceStandIn.RATE_LIMITED, "client_message_id", "c1"));
            assertThat(socket.awaitType("error")).containsEntry("code", "rate_limited").containsEntry("retry_after_ms", 7000)
                    .containsEntry("client_message_id", "c1")
                    .hasEntrySatisfying("message", message -> assertThat((String) message).contains("20 messages a minute"));
            socket.roundTrip();
            assertThat(socket.isClosed()).isFalse();
        }
    }

    private HttpResponse<Map<String, Object>> startSession(String forwardedFor) {
        return http.toBlocking().exchange(HttpRequest.POST("/api/auth/anonymous", Map.of())
                .header("X-Forwarded-For", forwardedFor), JSON);
    }

    private HttpClientResponseException refusal(String forwardedFor) {
        try {
            startSession(forwardedFor);
            return null;
        } catch (HttpClientResponseException e) {
            return e;
        }
    }

    private TestSocket socket(String address) {
        return TestSocket.openWithHeaders(URI.create("ws://127.0.0.1:" + server.getPort() + "/ws"), Map.of("X-Forwarded-For", address), json);
    }

    private static TestSocket authenticate(TestSocket socket, String token) {
        socket.send(Map.of("type", "auth", "token", token));
        return socket;
    }

    /** A /64 of the IPv6 documentation range of its own for each call (limits count IPv6 clients by /64). */
    private static String randomAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "2001:db8:" + Integer.toHexString(random.nextInt(1, 0xffff)) + ":" + Integer.toHexString(random.nextInt(1, 0xffff))
                + "::" + Integer.toHexString(random.nextInt(1, 0xffff));
    }
}
