package dev.agenticchat.artifact;

import static dev.agenticchat.artifact.fixtures.Api.fields;
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
import dev.agenticchat.contracts.events.ArtifactDeleted;
import dev.agenticchat.support.paging.InvalidCursor;
import dev.agenticchat.support.testing.TestDatabase;
import dev.agenticchat.support.testing.TestJwks;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArtifactCatalogIT implements TestPropertyProvider {
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
    void searches_the_text_of_the_current_versions() {
        String token = jwks.token(newTenant(), "alice");
        String shoes = api.createId(token, "keyword_research", sample("keyword_research"));
        String notes = api.createId(token, "markdown", with(sample("markdown"), "/markdown", "Sortable tables arrived"));
        String code = api.createId(token, "code", sample("code"));

        assertThat(ids(list(token, "?q=shoes"))).containsExactly(shoes);
        assertThat(ids(list(token, "?q=" + encode("flat feet")))).containsExactly(shoes);
        assertThat(ids(list(token, "?q=" + encode("\"release notes\"")))).containsExactly(notes);
        assertThat(ids(list(token, "?q=fib"))).containsExactly(code);
        assertThat(ids(list(token, "?q=" + encode("tables -shoes")))).containsExactly(notes);
        assertThat(ids(list(token, "?q=nothingmatchesthis"))).isEmpty();

        api.exchange(HttpRequest.POST("/api/artifacts/" + code + "/versions",
                Map.of("patch", Map.of("title", "Factorial", "code", "def fact(n): ...\n"))).bearerAuth(token));
        assertThat(ids(list(token, "?q=fibonacci"))).isEmpty();
        assertThat(ids(list(token, "?q=factorial"))).containsExactly(code);
    }

    @Test
    void an_html_artifact_read_alone_carries_its_sanitised_rendition_and_a_listing_does_not() {
        String token = jwks.token(newTenant(), "alice");
        String id = api.createId(token, "html", with(sample("html"), "/html", "<p onclick=\"x()\">Hi</p><script>x()</script>"));

        Map<String, Object> view = api.get("/api/artifacts/" + id, token);
        assertThat(view).containsEntry("sanitized_html", "<p>Hi</p>");
        assertThat(((Map<?, ?>) view.get("content")).get("html")).isEqualTo("<p onclick=\"x()\">Hi</p><script>x()</script>");
        assertThat(api.get("/api/artifacts/" + id + "/versions/1", token)).containsEntry("sanitized_html", "<p>Hi</p>");
        assertThat(items(list(token, "")).get(0)).containsEntry("id", id).doesNotContainKey("sanitized_html");
        assertThat(api.get("/api/artifacts/" + api.createId(token, "diagram", sample("diagram")), token))
                .doesNotContainKey("sanitized_html");
    }

    @Test
    void the_text_search_is_served_by_an_index_on_the_content() throws SQLException {
        try (Connection admin = TestDatabase.admin(); PreparedStatement query = admin.prepareStatement(
                "SELECT indexdef FROM pg_indexes WHERE schemaname = 'artifact' AND indexname = 'artifact_versions_text'");
             ResultSet rs = query.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).contains("USING gin", "jsonb_to_tsvector('simple'::regconfig, content, '[\"string\"]'::jsonb)");
        }
    }

    @Test
    void filters_by_type_status_thread_and_creation_time_and_pages_through_the_result() {
        String token = jwks.token(newTenant(), "alice");
        String thread = UUID.randomUUID().toString();
        String first = (String) api.create(token, "table", sample("table"), thread).get("id");
        Instant between = Instant.now();
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(between.plusMillis(5)));
        String second = (String) api.create(token, "table", sample("table"), thread).get("id");
        String draft = api.createId(token, "diagram", sample("diagram"));
        api.exchange(HttpRequest.PATCH("/api/artifacts/" + draft, Map.of("status", "intermediate")).bearerAuth(token));

        assertThat(ids(list(token, "?type=table"))).containsExactly(second, first);
        assertThat(ids(list(token, "?status=intermediate"))).containsExactly(draft);
        assertThat(ids(list(token, "?status=final&thread_id=" + thread))).containsExactly(second, first);
        assertThat(ids(list(token, "?created_after=" + encode(between.toString())))).containsExactly(draft, second);
        assertThat(ids(list(token, "?created_before=" + encode(between.toString())))).containsExactly(first);
        assertThat(ids(list(token, "?type=table&created_after=" + encode(between.toString())))).containsExactly(second);

        Map<String, Object> page = list(token, "?type=table&limit=1");
        assertThat(ids(page)).containsExactly(second);
        assertThat(ids(list(token, "?type=table&limit=1&cursor=" + page.get("next_cursor")))).containsExactly(first);
    }

    @Test
    void refuses_a_filter_value_it_cannot_mean_naming_the_parameter() {
        String token = jwks.token(newTenant(), "alice");

        assertThat(fields(api.fails(HttpRequest.GET("/api/artifacts?type=pie").bearerAuth(token), 400))).containsExactly("type");
        assertThat(fields(api.fails(HttpRequest.GET("/api/artifacts?status=done").bearerAuth(token), 400))).containsExactly("status");
        assertThat(fields(api.fails(HttpRequest.GET("/api/artifacts?created_after=yesterday").bearerAuth(token), 400)))
                .containsExactly("created_after");
        assertThat(fields(api.fails(HttpRequest.GET("/api/artifacts?created_before=2025-13-01").bearerAuth(token), 400)))
                .containsExactly("created_before");
        assertThat(fields(api.fails(HttpRequest.GET("/api/artifacts?q=" + "x".repeat(201)).bearerAuth(token), 400)))
                .containsExactly("q");
        assertThat(fields(api.fails(HttpRequest.GET("/api/artifacts?cursor=garbage").bearerAuth(token), 400)))
                .containsExactly("cursor");
        assertThat(api.fails(HttpRequest.GET("/api/artifacts?cursor=garbage").bearerAuth(token), 400))
                .containsEntry("title", InvalidCursor.TITLE).containsEntry("detail", InvalidCursor.DETAIL);
    }

    @Test
    void deleting_an_artifact_removes_its_versions_revokes_its_links_and_is_announced() throws SQLException {
        String tenant = newTenant();
        String token = jwks.token(tenant, "alice");
        String thread = UUID.randomUUID().toString();
        String id = (String) api.create(token, "table", sample("table"), thread).get("id");
        api.exchange(HttpRequest.POST("/api/artifacts/" + id + "/versions", Map.of("patch", Map.of("title", "v2"))).bearerAuth(token));
        String secret = (String) api.exchange(HttpRequest.POST("/api/artifacts/" + id + "/shares", Map.of()).bearerAuth(token))
                .body().get("token");

        HttpResponse<Map<String, Object>> deleted = api.exchange(HttpRequest.DELETE("/api/artifacts/" + id).bearerAuth(token));

        assertThat(deleted.getStatus().getCode()).isEqualTo(204);
        api.fails(HttpRequest.GET("/api/artifacts/" + id).bearerAuth(token), 404);
        api.fails(HttpRequest.GET("/api/artifacts/" + id + "/versions/1").bearerAuth(token), 404);
        api.fails(HttpRequest.GET("/api/shared/" + secret), 404);
        api.fails(HttpRequest.DELETE("/api/artifacts/" + id).bearerAuth(token), 404);
        assertThat(ids(list(token, ""))).isEmpty();
        assertThat(count("SELECT count(*) FROM artifact.artifact_versions WHERE artifact_id = ?::uuid", id)).isZero();
        assertThat(count("SELECT count(*) FROM artifact.artifact_shares WHERE artifact_id = ?::uuid", id)).isZero();

        await().atMost(EVENT_WAIT).until(() -> events.forThread(thread).stream()
                .anyMatch(record -> ArtifactDeleted.TYPE.equals(TestKafka.header(record, CloudEventHeaders.TYPE))));
        assertThat(events.forThread(thread)).extracting(record -> TestKafka.header(record, CloudEventHeaders.TYPE))
                .containsExactly("dev.agenticchat.artifact.created", "dev.agenticchat.artifact.updated",
                        "dev.agenticchat.artifact.shared", "dev.agenticchat.artifact.deleted");
        assertThat(events.forThread(thread).get(3)).satisfies(record -> {
            assertThat(record.key()).isEqualTo(thread);
            assertThat(TestKafka.header(record, CloudEventHeaders.TENANT_ID)).isEqualTo(tenant);
            assertThat(TestKafka.header(record, CloudEventHeaders.USER_ID)).isEqualTo("alice");
            JsonNode data = data(record.value());
            assertThat(data.path("artifact_id").asText()).isEqualTo(id);
            assertThat(data.path("thread_id").asText()).isEqualTo(thread);
            assertThat(data.has("deleted_at")).isTrue();
            assertThat(EventSchemas.validate("artifact-deleted", data)).isEmpty();
        });
    }

    @Test
    void events_of_an_artifact_made_outside_a_thread_are_keyed_by_the_artifact() {
        String token = jwks.token(newTenant(), "alice");
        String id = api.createId(token, "markdown", sample("markdown"));
        api.exchange(HttpRequest.DELETE("/api/artifacts/" + id).bearerAuth(token));

        await().atMost(EVENT_WAIT).until(() -> events.withHeader(CloudEventHeaders.SUBJECT, id).size() == 2);
        assertThat(events.withHeader(CloudEventHeaders.SUBJECT, id)).allSatisfy(record -> {
            assertThat(record.key()).isEqualTo(id);
            assertThat(TestKafka.header(record, CloudEventHeaders.THREAD_ID)).isNull();
        });
        assertThat(data(events.withHeader(CloudEventHeaders.SUBJECT, id).get(1).value()).has("thread_id")).isFalse();
    }

    private Map<String, Object> list(String token, String query) {
        return api.get("/api/artifacts" + query, token);
    }

    private static List<Object> ids(Map<String, Object> page) {
        return items(page).stream().map(item -> item.get("id")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    private static int count(String sql, String id) throws SQLException {
        try (Connection admin = TestDatabase.admin(); PreparedStatement query = admin.prepareStatement(sql)) {
            query.setString(1, id);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
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
