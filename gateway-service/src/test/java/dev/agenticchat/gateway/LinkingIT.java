package dev.agenticchat.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.UserLinked;
import dev.agenticchat.gateway.fixtures.AnonymousUsers;
import dev.agenticchat.gateway.fixtures.ChatServiceStandIn;
import dev.agenticchat.gateway.fixtures.NotificationStandIn;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Email codes through the gateway: requesting one, and linking anonymous sessions to the person who proves one. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LinkingIT implements TestPropertyProvider {
    private static final String SERVICE_TOKEN = "gateway-test-service-token";
    private static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);

    private final NotificationStandIn notification = NotificationStandIn.start(SERVICE_TOKEN);
    private final ChatServiceStandIn chat = ChatServiceStandIn.start();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "micronaut.http.services.notification-service.url", notification.url(),
                "gateway.services.chat", chat.url(),
                "agentic.service-credentials.token", SERVICE_TOKEN);
    }

    @AfterAll
    void stop() {
        notification.close();
        chat.close();
    }

    private HttpResponse<Map<String, Object>> exchange(MutableHttpRequest<?> request) {
        return http.toBlocking().exchange(request, JSON);
    }

    private Map<String, Object> problem(MutableHttpRequest<?> request) {
        try {
            HttpResponse<Map<String, Object>> response = exchange(request);
            throw new AssertionError("expected an error, got " + response.getStatus());
        } catch (HttpClientResponseException e) {
            Map<String, Object> body = e.getResponse().getBody(JSON).orElseThrow();
            body.put("retry_after_header", e.getResponse().getHeaders().get("Retry-After"));
            return body;
        }
    }

    private static String newEmail() {
        return "person-" + UUID.randomUUID() + "@example.com";
    }

    private Map<String, Object> requestAndProve(Map<String, Object> session, String email) {
        String token = (String) session.get("access_token");
        assertThat(exchange(HttpRequest.POST("/api/auth/otp/request", Map.of("email", email, "purpose", "link_session"))
                .bearerAuth(token)).getStatus().getCode()).isEqualTo(202);
        String code = notification.lastCode((String) session.get("tenant_id"), email.toLowerCase(), "link_session");
        return exchange(HttpRequest.POST("/api/auth/otp/verify", Map.of("email", email, "code", code, "purpose", "link_session"))
                .bearerAuth(token)).body();
    }

    @Test
    void a_code_request_always_answers_the_same_way_and_asks_notification_service_with_the_service_credential() {
        Map<String, Object> known = exchange(HttpRequest.POST("/api/auth/otp/request",
                Map.of("email", "Someone@Example.com", "purpose", "delete_data"))).body();
        Map<String, Object> other = exchange(HttpRequest.POST("/api/auth/otp/request",
                Map.of("email", newEmail(), "purpose", "delete_data"))).body();
        assertThat(known).isEqualTo(other);
        assertThat(notification.requests()).anySatisfy(r -> assertThat(r)
                .containsEntry("email", "someone@example.com").containsEntry("purpose", "delete_data")
                .containsEntry("x_service_token", SERVICE_TOKEN).containsKey("client_ip"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void refuses_a_malformed_email_an_unknown_purpose_or_tenant_and_passes_on_rate_limits() {
        assertThat(fields(problem(HttpRequest.POST("/api/auth/otp/request", Map.of("email", "not-an-email", "purpose", "link_session")))))
                .containsExactly("email");
        assertThat(fields(problem(HttpRequest.POST("/api/auth/otp/request", Map.of("email", newEmail(), "purpose", "become_admin")))))
                .containsExactly("purpose");
        assertThat(problem(HttpRequest.POST("/api/auth/otp/request",
                Map.of("email", newEmail(), "purpose", "delete_data", "tenant", "no-such-tenant")))).containsEntry("status", 404);
        Map<String, Object> limited = problem(HttpRequest.POST("/api/auth/otp/request",
                Map.of("email", "limited-" + UUID.randomUUID() + "@example.com", "purpose", "link_session")));
        assertThat(limited).containsEntry("status", 429).containsEntry("retry_after_header", "600");
    }

    @Test
    void a_wrong_code_links_nothing_and_verifying_needs_a_session() {
        Map<String, Object> session = AnonymousUsers.create(http);
        String email = newEmail();
        String token = (String) session.get("access_token");
        exchange(HttpRequest.POST("/api/auth/otp/request", Map.of("email", email, "purpose", "link_session")).bearerAuth(token));

        assertThat(problem(HttpRequest.POST("/api/auth/otp/verify", Map.of("email", email, "code", "000000", "purpose", "link_session"))
                .bearerAuth(token))).containsEntry("status", 422);
        assertThat(notification.requests()).as("failed checks count against the client's address too")
                .anySatisfy(sent -> assertThat(sent).containsEntry("code", "000000").containsEntry("client_ip", "127.0.0.1"));
        assertThat(problem(HttpRequest.POST("/api/auth/otp/verify", Map.of("email", email, "code", NotificationStandIn.CODE,
                "purpose", "link_session")))).containsEntry("status", 401);
        assertThat(fields(problem(HttpRequest.POST("/api/auth/otp/verify", Map.of("email", email, "code", NotificationStandIn.CODE,
                "purpose", "delete_data")).bearerAuth(token)))).containsExactly("purpose");
        Map<String, Object> me = exchange(HttpRequest.GET("/api/me").bearerAuth(token)).body();
        assertThat(me).containsEntry("kind", "anonymous");
    }

    @Test
    void two_browsers_that_prove_one_email_become_one_person_and_their_old_tokens_stop_working() throws Exception {
        String email = newEmail();
        Map<String, Object> laptop = AnonymousUsers.create(http);
        Map<String, Object> phone = AnonymousUsers.create(http);

        try (TestKafka.Reader identity = new TestKafka.Reader(Topics.IDENTITY_EVENTS)) {
            Map<String, Object> linkedLaptop = requestAndProve(laptop, email.toUpperCase());
            Map<String, Object> linkedPhone = requestAndProve(phone, email);

            String person = (String) linkedLaptop.get("user_id");
            assertThat(person).isNotEqualTo(laptop.get("user_id"));
            assertThat(linkedPhone.get("user_id")).isEqualTo(person);
            assertThat(linkedPhone.get("tenant_id")).isEqualTo(laptop.get("tenant_id"));
            Map<String, Object> me = exchange(HttpRequest.GET("/api/me").bearerAuth((String) linkedPhone.get("access_token"))).body();
            assertThat(me).containsEntry("kind", "person").containsEntry("email", email).containsEntry("user_id", person);
            assertThat(com.nimbusds.jwt.SignedJWT.parse((String) linkedPhone.get("access_token")).getJWTClaimsSet()
                    .getStringListClaim("merged"))
                    .as("services show the sessions' data as the person's even before UserLinked has moved it")
                    .containsExactlyInAnyOrder((String) laptop.get("user_id"), (String) phone.get("user_id"));

            for (Map<String, Object> old : List.of(laptop, phone)) {
                String oldToken = (String) old.get("access_token");
                assertThat(problem(HttpRequest.GET("/api/me").bearerAuth(oldToken))).containsEntry("status", 401);
                assertThat(problem(HttpRequest.GET("/api/threads").bearerAuth(oldToken))).containsEntry("status", 401);
                assertThat(problem(HttpRequest.POST("/api/auth/refresh", Map.of("refresh_token", old.get("refresh_token")))))
                        .containsEntry("status", 401);
            }
            assertThat(exchange(HttpRequest.GET("/api/threads").bearerAuth((String) linkedLaptop.get("access_token")))
                    .getStatus().getCode()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(20)).until(() -> identity.withHeader(CloudEventHeaders.USER_ID, person).size() == 2);
            List<ConsumerRecord<String, byte[]>> records = identity.withHeader(CloudEventHeaders.USER_ID, person);
            assertThat(records).allSatisfy(r -> {
                assertThat(TestKafka.header(r, CloudEventHeaders.TYPE)).isEqualTo(UserLinked.TYPE);
                assertThat(r.key()).isEqualTo(person);
                assertThat(new String(r.value())).doesNotContain("@");
            });
            assertThat(records.stream().map(r -> decode(r.value())).toList()).extracting(UserLinked::fromUserId)
                    .containsExactlyInAnyOrder((String) laptop.get("user_id"), (String) phone.get("user_id"));
        }
    }

    private UserLinked decode(byte[] value) {
        try {
            return json.readValue(value, UserLinked.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> fields(Map<String, Object> problem) {
        return ((List<Map<String, Object>>) problem.get("errors")).stream().map(e -> e.get("field")).toList();
    }
}
