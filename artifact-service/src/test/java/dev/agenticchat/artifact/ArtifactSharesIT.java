package dev.agenticchat.artifact;

import static dev.agenticchat.artifact.fixtures.Api.fields;
import static dev.agenticchat.artifact.fixtures.Api.tree;
import static dev.agenticchat.artifact.fixtures.ArtifactSamples.sample;
import static dev.agenticchat.artifact.fixtures.ArtifactSamples.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenticchat.artifact.fixtures.Api;
import dev.agenticchat.artifact.fixtures.ArtifactSamples;
import dev.agenticchat.artifact.fixtures.EventSchemas;
import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.ArtifactShared;
import dev.agenticchat.support.testing.TestDatabase;
import dev.agenticchat.support.testing.TestJwks;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArtifactSharesIT implements TestPropertyProvider {
    private static final Duration EVENT_WAIT = Duration.ofSeconds(30);

    private final TestJwks jwks = TestJwks.start();
    private TestKafka.Reader events;
    private Api api;

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl());
    }

    @BeforeAll
    void start() {
        events = new TestKafka.Reader(Topics.ARTIFACT_EVENTS);
        api = new Api(http);
    }

    @AfterAll
    void stop() throws InterruptedException {
        events.close();
        jwks.close();
    }

    @Test
    void a_share_link_shows_the_latest_version_to_anyone_without_its_owner_and_is_announced() throws Exception {
        String tenant = newTenant();
        String token = jwks.token(tenant, "alice");
        String thread = UUID.randomUUID().toString();
        String id = (String) api.create(token, "table", sample("table"), thread).get("id");

        HttpResponse<Map<String, Object>> created = api.exchange(HttpRequest.POST("/api/artifacts/" + id + "/shares",
                Map.of("expires_in", "P7D")).bearerAuth(token));

        assertThat(created.getStatus().getCode()).isEqualTo(201);
        Map<String, Object> share = created.body();
        String secret = (String) share.get("token");
        assertThat(secret).matches("[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(32);
        assertThat(share).containsEntry("url", "/shared/" + secret).containsKeys("id", "created_at");
        Instant expiresAt = Instant.parse((String) share.get("expires_at"));
        assertThat(expiresAt).isBetween(Instant.now().plus(Duration.ofDays(7)).minusSeconds(60),
                Instant.now().plus(Duration.ofDays(7)).plusSeconds(60));
        assertThat(storedTokenHashes(id)).containsExactly(sha256(secret));

        api.exchange(HttpRequest.POST("/api/artifacts/" + id + "/versions", Map.of("patch", Map.of("title", "Newest")))
                .bearerAuth(token));
        Map<String, Object> shared = api.exchange(HttpRequest.GET("/api/shared/" + secret)).body();
        assertThat(shared).containsEntry("id", id).containsEntry("version", 2).containsEntry("title", "Newest")
                .containsEntry("type", "table").doesNotContainKeys("tenant_id", "user_id", "thread_id", "turn_id");
        assertThat(tree(shared.get("content"))).isEqualTo(with(sample("table"), "/title", "Newest"));
        assertThat(tree(shared).toString()).doesNotContain(tenant, thread, "alice");

        HttpResponse<String> page = http.toBlocking().exchange(HttpRequest.GET("/shared/" + secret), String.class);
        assertThat(page.getContentType().orElseThrow().toString()).startsWith("text/html");
        assertThat(page.getHeaders().get("Content-Security-Policy")).contains("default-src 'none'").doesNotContain("script-src");
        assertThat(page.getHeaders().get("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.getHeaders().get("Cache-Control")).isEqualTo("no-store");
        assertThat(page.body()).contains("<h1>Newest</h1>", "<td>Acme Corp</td>").doesNotContain("<script", tenant);

        List<Map<String, Object>> listed = list(id, token);
        assertThat(listed).singleElement().satisfies(item -> {
            assertThat(item).containsEntry("id", share.get("id")).containsEntry("expired", false).doesNotContainKey("token");
            assertThat(tree(item).toString()).doesNotContain(secret);
        });

        await().atMost(EVENT_WAIT).until(() -> events.forThread(thread).stream()
                .anyMatch(record -> ArtifactShared.TYPE.equals(TestKafka.header(record, CloudEventHeaders.TYPE))));
        assertThat(events.forThread(thread)).filteredOn(r -> ArtifactShared.TYPE.equals(TestKafka.header(r, CloudEventHeaders.TYPE)))
                .singleElement().satisfies(record -> {
                    assertThat(record.key()).isEqualTo(thread);
                    assertThat(TestKafka.header(record, CloudEventHeaders.TENANT_ID)).isEqualTo(tenant);
                    assertThat(TestKafka.header(record, CloudEventHeaders.SUBJECT)).isEqualTo(id);
                    JsonNode data = data(record.value());
                    assertThat(data.path("artifact_id").asText()).isEqualTo(id);
                    assertThat(data.path("share_id").asText()).isEqualTo(share.get("id"));
                    assertThat(data.path("thread_id").asText()).isEqualTo(thread);
                    assertThat(Instant.parse(data.path("expires_at").asText())).isEqualTo(expiresAt);
                    assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain(secret);
                    assertThat(EventSchemas.validate("artifact-shared", data)).isEmpty();
                });
    }

    @Test
    void a_revoked_link_answers_404_everywhere() {
        String token = jwks.token(newTenant(), "alice");
        String id = api.createId(token, "diagram", sample("diagram"));
        Map<String, Object> share = share(id, token, Map.of());
        String secret = (String) share.get("token");
        assertThat(api.exchange(HttpRequest.GET("/api/shared/" + secret)).body()).containsEntry("id", id)
                .containsEntry("title", "Checkout flow");
        assertThat(share).containsEntry("expires_at", null);

        HttpResponse<Map<String, Object>> revoked = api.exchange(
                HttpRequest.DELETE("/api/artifacts/" + id + "/shares/" + share.get("id")).bearerAuth(token));

        assertThat(revoked.getStatus().getCode()).isEqualTo(204);
        api.fails(HttpRequest.GET("/api/shared/" + secret), 404);
        api.fails(HttpRequest.GET("/shared/" + secret), 404);
        assertThat(list(id, token)).isEmpty();
        api.fails(HttpRequest.DELETE("/api/artifacts/" + id + "/shares/" + share.get("id")).bearerAuth(token), 404);
    }

    @Test
    void an_expired_link_answers_404_and_is_listed_as_expired() throws Exception {
        String token = jwks.token(newTenant(), "alice");
        String id = api.createId(token, "markdown", sample("markdown"));
        Map<String, Object> share = share(id, token, Map.of("expires_at", Instant.now().plusSeconds(3600).toString()));
        String secret = (String) share.get("token");
        api.exchange(HttpRequest.GET("/api/shared/" + secret));

        try (Connection admin = TestDatabase.admin(); PreparedStatement expire = admin.prepareStatement(
                "UPDATE artifact.artifact_shares SET created_at = now() - interval '2 hours', expires_at = now() - interval '1 second'"
                        + " WHERE id = ?::uuid")) {
            expire.setString(1, (String) share.get("id"));
            assertThat(expire.executeUpdate()).isEqualTo(1);
        }

        api.fails(HttpRequest.GET("/api/shared/" + secret), 404);
        api.fails(HttpRequest.GET("/shared/" + secret), 404);
        assertThat(list(id, token)).singleElement().satisfies(item -> assertThat(item).containsEntry("expired", true));
    }

    @Test
    void an_unknown_or_malformed_token_is_a_404() {
        api.fails(HttpRequest.GET("/api/shared/" + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32])), 404);
        api.fails(HttpRequest.GET("/api/shared/not-a-token"), 404);
        api.fails(HttpRequest.GET("/shared/not-a-token"), 404);
    }

    @Test
    void refuses_an_expiry_it_cannot_read_or_that_has_passed_naming_the_field() {
        String token = jwks.token(newTenant(), "alice");
        String id = api.createId(token, "markdown", sample("markdown"));
        String shares = "/api/artifacts/" + id + "/shares";

        assertThat(fields(api.fails(HttpRequest.POST(shares, Map.of("expires_in", "a week")).bearerAuth(token), 400)))
                .containsExactly("expires_in");
        assertThat(fields(api.fails(HttpRequest.POST(shares, Map.of("expires_in", "-PT1H")).bearerAuth(token), 400)))
                .containsExactly("expires_in");
        assertThat(fields(api.fails(HttpRequest.POST(shares, Map.of("expires_at", "tomorrow")).bearerAuth(token), 400)))
                .containsExactly("expires_at");
        assertThat(fields(api.fails(HttpRequest.POST(shares, Map.of("expires_at", "2020-01-01T00:00:00Z")).bearerAuth(token), 400)))
                .containsExactly("expires_at");
        assertThat(fields(api.fails(HttpRequest.POST(shares, Map.of("expires_in", "PT1H",
                "expires_at", "2099-01-01T00:00:00Z")).bearerAuth(token), 400))).containsExactly("expires_at");
        assertThat(share(id, token, Map.of("expires_in", "P1M")).get("expires_at")).isNotNull();
        assertThat(list(id, token)).hasSize(1);
    }

    @Test
    void the_shared_view_of_an_html_artifact_carries_only_the_sanitised_rendition_to_show() {
        String token = jwks.token(newTenant(), "alice");
        String id = api.createId(token, "html", with(sample("html"), "/html", "<h2 onmouseover=\"x()\">Hi</h2><script>x()</script>"));
        String secret = (String) share(id, token, Map.of()).get("token");

        Map<String, Object> shared = api.exchange(HttpRequest.GET("/api/shared/" + secret)).body();
        assertThat(shared.get("sanitized_html")).isEqualTo("<h2>Hi</h2>");
        String page = http.toBlocking().retrieve(HttpRequest.GET("/shared/" + secret));
        assertThat(page).contains("<h2>Hi</h2>").doesNotContain("onmouseover", "<script");
    }

    private Map<String, Object> share(String id, String token, Map<String, Object> body) {
        return api.exchange(HttpRequest.POST("/api/artifacts/" + id + "/shares", body).bearerAuth(token)).body();
    }

    private List<Map<String, Object>> list(String id, String token) {
        return http.toBlocking().retrieve(HttpRequest.GET("/api/artifacts/" + id + "/shares").bearerAuth(token),
                Argument.listOf(Api.JSON_OBJECT));
    }

    private static List<byte[]> storedTokenHashes(String artifactId) throws Exception {
        try (Connection admin = TestDatabase.admin(); PreparedStatement query = admin.prepareStatement(
                "SELECT token_hash FROM artifact.artifact_shares WHERE artifact_id = ?::uuid")) {
            query.setString(1, artifactId);
            try (ResultSet rs = query.executeQuery()) {
                List<byte[]> hashes = new ArrayList<>();
                while (rs.next()) {
                    hashes.add(rs.getBytes(1));
                }
                return hashes;
            }
        }
    }

    private static byte[] sha256(String token) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
    }

    private static String newTenant() {
        return "tenant-" + UUID.randomUUID();
    }

    private static JsonNode data(byte[] value) {
        try {
            return ArtifactSamples.JSON.readTree(value);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
