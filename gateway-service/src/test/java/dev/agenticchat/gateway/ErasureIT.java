package dev.agenticchat.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.ErasureCompleted;
import dev.agenticchat.contracts.events.ErasureRequested;
import dev.agenticchat.gateway.auth.ShortLivedTokens;
import dev.agenticchat.gateway.fixtures.AnonymousUsers;
import dev.agenticchat.gateway.fixtures.NotificationStandIn;
import dev.agenticchat.support.testing.TestDatabase;
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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Erasure through the gateway: proven by a delete_data code, the gateway's own part at once, the rest confirmed by the services. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErasureIT implements TestPropertyProvider {
    private static final String SERVICE_TOKEN = "gateway-test-service-token";
    private static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);

    private final NotificationStandIn notification = NotificationStandIn.start(SERVICE_TOKEN);

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Inject
    io.micronaut.context.ApplicationContext context;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "micronaut.http.services.notification-service.url", notification.url(),
                "agentic.service-credentials.token", SERVICE_TOKEN);
    }

    @AfterAll
    void stop() {
        notification.close();
    }

    private HttpResponse<Map<String, Object>> exchange(MutableHttpRequest<?> request) {
        return http.toBlocking().exchange(request, JSON);
    }

    private Map<String, Object> problem(MutableHttpRequest<?> request) {
        try {
            exchange(request);
            throw new AssertionError("expected an error");
        } catch (HttpClientResponseException e) {
            return e.getResponse().getBody(JSON).orElseThrow();
        }
    }

    private String code(String tenantId, String email, String purpose, String token) {
        MutableHttpRequest<?> request = HttpRequest.POST("/api/auth/otp/request", Map.of("email", email, "purpose", purpose));
        exchange(token == null ? request : request.bearerAuth(token));
        return notification.lastCode(tenantId, email, purpose);
    }

    @Test
    @SuppressWarnings("unchecked")
    void erases_the_person_and_their_linked_sessions_and_completes_when_every_service_confirmed() throws Exception {
        String email = "erase-me-" + UUID.randomUUID() + "@example.com";
        Map<String, Object> anonymous = AnonymousUsers.create(http);
        String tenantId = (String) anonymous.get("tenant_id");
        Map<String, Object> person = exchange(HttpRequest.POST("/api/auth/otp/verify", Map.of("email", email, "purpose", "link_session",
                "code", code(tenantId, email, "link_session", (String) anonymous.get("access_token"))))
                .bearerAuth((String) anonymous.get("access_token"))).body();
        List<String> identities = List.of((String) person.get("user_id"), (String) anonymous.get("user_id"));
        // As a tenant admin the person made an API key: the key stays the tenant's, without their id.
        String adminToken = ShortLivedTokens.tenantAdmin(context, (String) person.get("user_id"), tenantId);
        assertThat(exchange(HttpRequest.POST("/api/api-keys", Map.of("name", "CRM")).bearerAuth(adminToken)).getStatus().getCode())
                .isEqualTo(201);
        try (Connection db = TestDatabase.admin();
             PreparedStatement keys = db.prepareStatement("SELECT count(*) FROM gateway.api_keys WHERE created_by = ?::uuid")) {
            keys.setString(1, (String) person.get("user_id"));
            try (ResultSet result = keys.executeQuery()) {
                result.next();
                assertThat(result.getInt(1)).isOne();
            }
        }

        try (TestKafka.Reader identity = new TestKafka.Reader(Topics.IDENTITY_EVENTS)) {
            HttpResponse<Map<String, Object>> accepted = exchange(HttpRequest.POST("/api/privacy/erasures",
                    Map.of("email", email.toUpperCase(), "code", code(tenantId, email, "delete_data", null))));
            assertThat(accepted.getStatus().getCode()).isEqualTo(202);
            String erasureId = (String) accepted.body().get("id");
            assertThat(accepted.getHeaders().get("Location")).isEqualTo("/api/privacy/erasures/" + erasureId);
            assertThat(accepted.body()).containsEntry("status", "pending").containsEntry("confirmed_by", List.of("gateway-service"));

            await().atMost(Duration.ofSeconds(20)).until(() -> requested(identity, erasureId) != null);
            ErasureRequested requested = requested(identity, erasureId);
            assertThat(requested.userIds()).containsExactlyInAnyOrderElementsOf(identities);
            assertThat(requested.emailSha256()).isEqualTo(HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(email.getBytes(StandardCharsets.UTF_8))));
            assertThat(new String(records(identity, erasureId).get(0).value())).doesNotContain("@");
            assertThat(rowsAbout(identities, false)).isZero();
            assertThat(rowsAbout(identities, true)).as("the running erasure knows whom it is about").isOne();
            // The person is gone (404) at once, and their token refused (401) once the erasure is out on the topic.
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    problem(HttpRequest.GET("/api/me").bearerAuth((String) person.get("access_token"))).get("status").equals(401));

            for (String service : List.of("chat-service", "agent-service", "retrieval-service", "artifact-service")) {
                confirm(erasureId, tenantId, service);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> ((List<String>) status(erasureId).get("confirmed_by")).size() == 5);
            assertThat(status(erasureId)).containsEntry("status", "pending").containsEntry("pending", List.of("notification-service"));

            confirm(erasureId, tenantId, "notification-service");
            confirm(erasureId, tenantId, "notification-service");
            await().atMost(Duration.ofSeconds(20)).until(() -> "completed".equals(status(erasureId).get("status")));
            assertThat(status(erasureId)).containsEntry("pending", List.of()).containsKey("completed_at");
            assertThat(rowsAbout(identities, true)).as("the completed erasure forgot whom it was about").isZero();
        }
    }

    @Test
    void refuses_a_wrong_code_a_malformed_email_and_an_unknown_erasure() {
        String email = "someone-" + UUID.randomUUID() + "@example.com";
        assertThat(problem(HttpRequest.POST("/api/privacy/erasures", Map.of("email", email, "code", "000000"))))
                .containsEntry("status", 422);
        assertThat(problem(HttpRequest.POST("/api/privacy/erasures", Map.of("email", "nope", "code", "000000"))))
                .containsEntry("status", 400);
        assertThat(problem(HttpRequest.POST("/api/privacy/erasures", Map.of("email", email, "code", "1", "tenant", "no-such-tenant"))))
                .containsEntry("status", 404);
        assertThat(problem(HttpRequest.GET("/api/privacy/erasures/" + UUID.randomUUID()))).containsEntry("status", 404);
    }

    @Test
    void serves_the_public_erasure_page_and_its_script_without_a_session() {
        HttpResponse<String> page = http.toBlocking().exchange(HttpRequest.GET("/privacy/delete"), String.class);
        assertThat(page.getStatus().getCode()).isEqualTo(200);
        assertThat(page.getContentType().orElseThrow().getName()).isEqualTo("text/html");
        assertThat(page.body()).contains("Delete my data").contains("/assets/privacy.js").doesNotContain("<script>");
        String script = http.toBlocking().retrieve(HttpRequest.GET("/assets/privacy.js"));
        assertThat(script).contains("/api/privacy/erasures").contains("delete_data");
    }

    private Map<String, Object> status(String erasureId) {
        return exchange(HttpRequest.GET("/api/privacy/erasures/" + erasureId)).body();
    }

    private void confirm(String erasureId, String tenantId, String service) throws Exception {
        ErasureCompleted completed = new ErasureCompleted(erasureId, tenantId, service, Instant.now());
        TestKafka.send(Topics.IDENTITY_EVENTS, erasureId, json.writeValueAsBytes(completed), Map.of(
                CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.SOURCE, "/agentic-chat/" + service,
                CloudEventHeaders.TYPE, ErasureCompleted.TYPE,
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE,
                CloudEventHeaders.TIME, Instant.now().toString(),
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_VALUE,
                CloudEventHeaders.SUBJECT, erasureId,
                CloudEventHeaders.TENANT_ID, tenantId));
    }

    private List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> records(TestKafka.Reader reader, String erasureId) {
        return reader.records().stream()
                .filter(r -> ErasureRequested.TYPE.equals(TestKafka.header(r, CloudEventHeaders.TYPE)))
                .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(erasureId)).toList();
    }

    private ErasureRequested requested(TestKafka.Reader reader, String erasureId) throws Exception {
        var found = records(reader, erasureId);
        return found.isEmpty() ? null : json.readValue(found.get(0).value(), ErasureRequested.class);
    }

    /** Rows of the gateway schema that still name one of these users, looked at the way an auditor would. */
    private static int rowsAbout(List<String> userIds, boolean withErasures) throws Exception {
        int rows = 0;
        List<String> queries = new java.util.ArrayList<>(List.of(
                "SELECT count(*) FROM gateway.users WHERE id::text = ANY(?) OR merged_into::text = ANY(?)",
                "SELECT count(*) FROM gateway.refresh_tokens WHERE user_id::text = ANY(?) OR user_id::text = ANY(?)",
                "SELECT count(*) FROM gateway.api_keys WHERE created_by::text = ANY(?) OR revoked_by::text = ANY(?)"));
        if (withErasures) {
            queries.add("SELECT count(*) FROM gateway.erasures WHERE user_ids && ?::text[] OR user_ids && ?::text[]");
        }
        try (Connection db = TestDatabase.admin()) {
            for (String sql : queries) {
                try (PreparedStatement statement = db.prepareStatement(sql)) {
                    statement.setArray(1, db.createArrayOf("text", userIds.toArray()));
                    statement.setArray(2, db.createArrayOf("text", userIds.toArray()));
                    try (ResultSet result = statement.executeQuery()) {
                        result.next();
                        rows += result.getInt(1);
                    }
                }
            }
        }
        return rows;
    }
}
