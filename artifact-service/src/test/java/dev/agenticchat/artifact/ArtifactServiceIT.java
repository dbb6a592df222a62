package dev.agenticchat.artifact;

import static dev.agenticchat.artifact.fixtures.ArtifactSamples.JSON;
import static dev.agenticchat.artifact.fixtures.ArtifactSamples.asMap;
import static dev.agenticchat.artifact.fixtures.ArtifactSamples.chart;
import static dev.agenticchat.artifact.fixtures.ArtifactSamples.markdown;
import static dev.agenticchat.artifact.fixtures.ArtifactSamples.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import dev.agenticchat.artifact.fixtures.ArtifactSamples;
import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.artifacts.ArtifactTypes;
import dev.agenticchat.contracts.events.ArtifactCreated;
import dev.agenticchat.support.security.ServiceCredentials;
import dev.agenticchat.support.testing.TestDatabase;
import dev.agenticchat.support.testing.TestJwks;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArtifactServiceIT implements TestPropertyProvider {
    private static final Argument<Map<String, Object>> JSON_OBJECT = Argument.mapOf(String.class, Object.class);
    /** The published contract of the event, its content checked against the chart schema it refers to. */
    private static final JsonSchema ARTIFACT_CREATED_SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                    builder -> builder
                            .metaSchema(JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                                    .keyword(new AnnotationKeyword("x-cloudevents-type")).build())
                            .schemaMappers(mappers -> mappers.mapPrefix("https://agentic-chat.dev/schemas/", "classpath:schemas/")))
            .getSchema(SchemaLocation.of("https://agentic-chat.dev/schemas/events/artifact-created.schema.json"),
                    SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
    private static final Duration EVENT_WAIT = Duration.ofSeconds(30);

    private final TestJwks jwks = TestJwks.start();
    private TestKafka.Reader events;

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl());
    }

    @BeforeAll
    void readArtifactEvents() {
        events = new TestKafka.Reader(Topics.ARTIFACT_EVENTS);
    }

    @AfterAll
    void stop() throws InterruptedException {
        events.close();
        jwks.close();
    }

    @Test
    void creates_a_chart_its_owner_reads_and_lists_and_announces_it_once_with_cloudevents_headers() {
        String tenant = newTenant();
        String token = jwks.token(tenant, "alice");
        String thread = UUID.randomUUID().toString();
        String turn = UUID.randomUUID().toString();

        HttpResponse<Map<String, Object>> created = http.toBlocking().exchange(HttpRequest.POST("/api/artifacts",
                Map.of("type", "chart", "content", asMap(chart()), "thread_id", thread, "turn_id", turn)).bearerAuth(token), JSON_OBJECT);

        assertThat(created.getStatus().getCode()).isEqualTo(HttpStatus.CREATED.getCode());
        Map<String, Object> view = created.body();
        String id = (String) view.get("id");
        assertThat(created.getHeaders().get("Location")).isEqualTo("/api/artifacts/" + id);
        assertThat(view).containsEntry("type", "chart").containsEntry("title", "Quarterly sales")
                .containsEntry("status", "final").containsEntry("version", 1)
                .containsEntry("thread_id", thread).containsEntry("turn_id", turn)
                .containsKeys("created_at", "updated_at");
        assertThat(tree(view.get("content"))).isEqualTo(chart());

        Map<String, Object> read = http.toBlocking().retrieve(HttpRequest.GET("/api/artifacts/" + id).bearerAuth(token), JSON_OBJECT);
        assertThat(tree(read.get("content"))).isEqualTo(chart());
        assertThat(read).containsEntry("id", id).containsEntry("version", 1);

        String notes = create(token, "markdown", markdown(), UUID.randomUUID().toString());
        assertThat(ids(list(token, "?type=chart"))).containsExactly(id);
        assertThat(ids(list(token, "?type=markdown"))).containsExactly(notes);
        assertThat(ids(list(token, "?thread_id=" + thread))).containsExactly(id);
        assertThat(ids(list(token, ""))).containsExactly(notes, id);

        await().atMost(EVENT_WAIT).until(() -> !events.forThread(thread).isEmpty());
        assertThat(events.forThread(thread)).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(thread);
            assertThat(TestKafka.header(record, CloudEventHeaders.TYPE)).isEqualTo(ArtifactCreated.TYPE)
                    .isEqualTo("dev.agenticchat.artifact.created");
            assertThat(TestKafka.header(record, CloudEventHeaders.SOURCE)).isEqualTo("/agentic-chat/artifact-service");
            assertThat(TestKafka.header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
            assertThat(TestKafka.header(record, CloudEventHeaders.ID)).isNotBlank();
            assertThat(TestKafka.header(record, CloudEventHeaders.TIME)).isNotBlank();
            assertThat(TestKafka.header(record, CloudEventHeaders.SUBJECT)).isEqualTo(id);
            assertThat(TestKafka.header(record, CloudEventHeaders.TENANT_ID)).isEqualTo(tenant);
            assertThat(TestKafka.header(record, CloudEventHeaders.USER_ID)).isEqualTo("alice");
            assertThat(TestKafka.header(record, CloudEventHeaders.THREAD_ID)).isEqualTo(thread);
            assertThat(TestKafka.header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
            JsonNode artifact = data(record).path("artifact");
            assertThat(artifact.path("id").asText()).isEqualTo(id);
            assertThat(artifact.path("type").asText()).isEqualTo("chart");
            assertThat(artifact.path("version").asInt()).isEqualTo(1);
            assertThat(artifact.path("turn_id").asText()).isEqualTo(turn);
            assertThat(artifact.path("content")).isEqualTo(chart());
            assertThat(ARTIFACT_CREATED_SCHEMA.validate(data(record))).isEmpty();
        });
    }

    @Test
    void rejects_a_chart_whose_datasets_do_not_match_its_labels_and_stores_and_announces_nothing() throws SQLException {
        String tenant = newTenant();
        String token = jwks.token(tenant, "alice");
        String thread = UUID.randomUUID().toString();
        ObjectNode broken = with(chart(), "/datasets/0/data", List.of(120, 150, 180));

        assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.POST("/api/artifacts",
                Map.of("type", "chart", "content", asMap(broken), "thread_id", thread)).bearerAuth(token), JSON_OBJECT))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY.getCode());
                    assertThat(e.getResponse().getContentType()).hasValueSatisfying(
                            type -> assertThat(type.toString()).isEqualTo("application/problem+json"));
                    Map<String, Object> problem = e.getResponse().getBody(JSON_OBJECT).orElseThrow();
                    assertThat(problem).containsEntry("title", "Invalid artifact").containsEntry("status", 422);
                    assertThat((String) problem.get("detail")).contains("/datasets/0/data", "create_chart_artifact");
                    assertThat((List<Map<String, String>>) problem.get("errors")).singleElement().satisfies(error -> {
                        assertThat(error).containsEntry("field", "/datasets/0/data");
                        assertThat(error.get("message")).contains("3 values", "4 labels");
                    });
                });

        assertThat(ids(list(token, ""))).isEmpty();
        try (Connection admin = TestDatabase.admin();
             PreparedStatement count = admin.prepareStatement("SELECT count(*) FROM artifact.artifacts WHERE tenant_id = ?")) {
            count.setString(1, tenant);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
        // The outbox relays in commit order: once a later artifact of the thread is out, an earlier one would be too.
        String later = create(token, "markdown", markdown(), thread);
        await().atMost(EVENT_WAIT).until(() -> !events.forThread(thread).isEmpty());
        assertThat(events.forThread(thread)).singleElement()
                .satisfies(record -> assertThat(data(record).path("artifact").path("id").asText()).isEqualTo(later));
    }

    @Test
    void rejects_an_unknown_type_naming_the_known_ones() {
        String token = jwks.token(newTenant(), "alice");
        assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.POST("/api/artifacts",
                Map.of("type", "pie", "content", asMap(chart()))).bearerAuth(token), JSON_OBJECT))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY.getCode());
                    Map<String, Object> problem = e.getResponse().getBody(JSON_OBJECT).orElseThrow();
                    assertThat((List<Map<String, String>>) problem.get("errors")).singleElement().satisfies(error -> {
                        assertThat(error).containsEntry("field", "type");
                        assertThat(error.get("message")).contains("chart", "csv", "code", "markdown");
                    });
                });
    }

    @Test
    void creates_an_artifact_on_a_users_behalf_with_the_service_credential() {
        String tenant = newTenant();
        HttpResponse<Map<String, Object>> created = http.toBlocking().exchange(onBehalfOf(tenant, "bob", "local-dev-service-token",
                Map.of("type", "markdown", "content", asMap(markdown()))), JSON_OBJECT);
        assertThat(created.getStatus().getCode()).isEqualTo(HttpStatus.CREATED.getCode());
        String id = (String) created.body().get("id");

        Map<String, Object> asBob = http.toBlocking().retrieve(HttpRequest.GET("/api/artifacts/" + id).bearerAuth(jwks.token(tenant, "bob")), JSON_OBJECT);
        assertThat(asBob).containsEntry("id", id).containsEntry("title", "Release notes");
        assertNotFound("/api/artifacts/" + id, jwks.token(tenant, "carol"));
        assertThat(ids(list(jwks.token(tenant, "carol"), ""))).isEmpty();
    }

    @Test
    void refuses_a_wrong_service_token() {
        assertThatThrownBy(() -> http.toBlocking().exchange(onBehalfOf(newTenant(), "bob", "guessed-token",
                Map.of("type", "markdown", "content", asMap(markdown()))), JSON_OBJECT))
                .isInstanceOfSatisfying(HttpClientResponseException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.UNAUTHORIZED.getCode()));
    }

    @Test
    void keeps_artifacts_within_their_tenant() {
        String token = jwks.token(newTenant(), "alice");
        String id = create(token, "chart", chart(), null);
        String sameUserElsewhere = jwks.token(newTenant(), "alice");

        assertNotFound("/api/artifacts/" + id, sameUserElsewhere);
        assertThat(ids(list(sameUserElsewhere, ""))).isEmpty();
        assertThat(ids(list(token, ""))).containsExactly(id);
    }

    @Test
    void pages_newest_first_with_an_opaque_cursor() {
        String token = jwks.token(newTenant(), "alice");
        String first = create(token, "markdown", markdown(), null);
        String second = create(token, "markdown", markdown(), null);
        String third = create(token, "markdown", markdown(), null);

        Map<String, Object> page = list(token, "?limit=2");
        assertThat(ids(page)).containsExactly(third, second);
        assertThat(page.get("next_cursor")).isNotNull();
        Map<String, Object> rest = list(token, "?limit=2&cursor=" + page.get("next_cursor"));
        assertThat(ids(rest)).containsExactly(first);
        assertThat(rest).containsEntry("next_cursor", null);
    }

    @Test
    void keys_an_artifact_made_outside_a_thread_by_its_own_id() {
        String id = create(jwks.token(newTenant(), "alice"), "markdown", markdown(), null);

        await().atMost(EVENT_WAIT).until(() -> !events.withHeader(CloudEventHeaders.SUBJECT, id).isEmpty());
        assertThat(events.withHeader(CloudEventHeaders.SUBJECT, id)).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(id);
            assertThat(TestKafka.header(record, CloudEventHeaders.THREAD_ID)).isNull();
            assertThat(data(record).path("artifact").has("thread_id")).isFalse();
        });
    }

    @Test
    void publishes_the_artifact_tools_to_anyone() {
        List<Map<String, Object>> types = http.toBlocking().retrieve(HttpRequest.GET("/api/artifact-types"), Argument.listOf(JSON_OBJECT));

        assertThat(types).extracting(t -> t.get("type")).containsExactlyElementsOf(ArtifactTypes.NAMES)
                .contains("table", "html", "diagram", "payment_link", "domain_overview", "competitor_analysis",
                        "keyword_research");
        assertThat(types).extracting(t -> t.get("tool_name"))
                .containsExactlyElementsOf(ArtifactTypes.NAMES.stream().map(ArtifactTypes::toolName).toList());
        assertThat(types.get(0).get("description").toString()).contains("as many data values as there are labels");
        Map<String, Object> chartSchema = (Map<String, Object>) types.get(0).get("schema");
        assertThat(chartSchema).containsEntry("$schema", "https://json-schema.org/draft/2020-12/schema")
                .containsEntry("additionalProperties", false);
        assertThat((Map<String, Object>) chartSchema.get("properties")).containsKeys("title", "chart_type", "labels", "datasets");
    }

    @Test
    void stores_content_as_jsonb_under_a_gin_index_and_reads_it_back_unchanged() throws SQLException {
        String token = jwks.token(newTenant(), "alice");
        ObjectNode decimals = ArtifactSamples.lineChartWithTwoColouredSeries();
        String id = create(token, "chart", decimals, null);

        Map<String, Object> read = http.toBlocking().retrieve(HttpRequest.GET("/api/artifacts/" + id).bearerAuth(token), JSON_OBJECT);
        assertThat(tree(read.get("content"))).isEqualTo(decimals);

        try (Connection admin = TestDatabase.admin()) {
            try (PreparedStatement query = admin.prepareStatement("""
                    SELECT pg_typeof(content)::text, content @> '{"chart_type": "line"}'
                    FROM artifact.artifact_versions WHERE artifact_id = ?::uuid AND version = 1""")) {
                query.setString(1, id);
                try (ResultSet rs = query.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("jsonb");
                    assertThat(rs.getBoolean(2)).isTrue();
                }
            }
            try (PreparedStatement query = admin.prepareStatement("""
                    SELECT indexdef FROM pg_indexes WHERE schemaname = 'artifact' AND tablename = 'artifact_versions'""");
                 ResultSet rs = query.executeQuery()) {
                List<String> definitions = new ArrayList<>();
                while (rs.next()) {
                    definitions.add(rs.getString(1));
                }
                assertThat(definitions).anySatisfy(d -> assertThat(d).contains("USING gin (content jsonb_path_ops)"));
            }
        }
    }

    @Test
    void a_repeated_idempotency_key_answers_the_first_artifact_and_creates_nothing() {
        String tenant = newTenant();
        String alice = jwks.token(tenant, "alice");
        String thread = UUID.randomUUID().toString();
        String key = "turn:" + UUID.randomUUID() + ":2:0";
        Map<String, Object> body = Map.of("type", "chart", "content", asMap(chart()), "thread_id", thread);

        HttpResponse<Map<String, Object>> first = http.toBlocking().exchange(HttpRequest.POST("/api/artifacts", body)
                .bearerAuth(alice).header("Idempotency-Key", key), JSON_OBJECT);
        // A turn run again: same place, another chart in its arguments.
        HttpResponse<Map<String, Object>> again = http.toBlocking().exchange(HttpRequest.POST("/api/artifacts",
                Map.of("type", "markdown", "content", asMap(markdown()), "thread_id", thread))
                .bearerAuth(alice).header("Idempotency-Key", key), JSON_OBJECT);

        assertThat(first.getStatus().getCode()).isEqualTo(201);
        assertThat(first.getHeaders().get("Idempotent-Replayed")).isNull();
        assertThat(again.getStatus().getCode()).isEqualTo(201);
        assertThat(again.getHeaders().get("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.body()).containsEntry("id", first.body().get("id")).containsEntry("type", "chart");
        assertThat(again.getHeaders().get("Location")).isEqualTo(first.getHeaders().get("Location"));
        assertThat(ids(list(alice, "?thread_id=" + thread))).containsExactly(first.body().get("id"));

        // The key is the owner's: another user of the tenant with the same key gets an artifact of their own.
        String bob = jwks.token(tenant, "bob");
        HttpResponse<Map<String, Object>> bobs = http.toBlocking().exchange(HttpRequest.POST("/api/artifacts", body)
                .bearerAuth(bob).header("Idempotency-Key", key), JSON_OBJECT);
        assertThat(bobs.getHeaders().get("Idempotent-Replayed")).isNull();
        assertThat(bobs.body().get("id")).isNotEqualTo(first.body().get("id"));

        // Events of a thread are relayed in order: once a later artifact's is here, a replay's would be too.
        String later = create(alice, "markdown", markdown(), thread);
        await().atMost(EVENT_WAIT).until(() -> events.forThread(thread).stream().anyMatch(r -> data(r).path("artifact").path("id").asText().equals(later)));
        assertThat(events.forThread(thread)).as("one ArtifactCreated per artifact, none for the replay").hasSize(3);

        assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.POST("/api/artifacts", body)
                .bearerAuth(alice).header("Idempotency-Key", "k".repeat(201)), JSON_OBJECT))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(400));
    }

    @Test
    void a_repeated_idempotency_key_answers_the_version_it_made_and_makes_no_other() {
        String tenant = newTenant();
        String alice = jwks.token(tenant, "alice");
        String thread = UUID.randomUUID().toString();
        String id = create(alice, "markdown", markdown(), thread);
        String key = "turn:" + UUID.randomUUID() + ":1:0";
        Map<String, Object> patch = Map.of("patch", Map.of("title", "Renamed"));

        HttpResponse<Map<String, Object>> first = http.toBlocking().exchange(HttpRequest.POST("/api/artifacts/" + id + "/versions",
                patch).bearerAuth(alice).header("Idempotency-Key", key).header("If-Match", "\"1\""), JSON_OBJECT);
        // The turn runs again: the same place, another title, and the If-Match the first request made stale.
        HttpResponse<Map<String, Object>> again = http.toBlocking().exchange(HttpRequest.POST("/api/artifacts/" + id + "/versions",
                Map.of("patch", Map.of("title", "Renamed again"))).bearerAuth(alice).header("Idempotency-Key", key)
                .header("If-Match", "\"1\""), JSON_OBJECT);

        assertThat(first.getStatus().getCode()).isEqualTo(201);
        assertThat(first.getHeaders().get("Idempotent-Replayed")).isNull();
        assertThat(again.getStatus().getCode()).isEqualTo(201);
        assertThat(again.getHeaders().get("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.getHeaders().get("Location")).isEqualTo(first.getHeaders().get("Location")).endsWith("/versions/2");
        assertThat(again.body()).containsEntry("version", 2).containsEntry("title", "Renamed");
        assertThat(versionsOf(alice, id)).as("versions 1 and 2, none for the replay").hasSize(2);

        // Another key is another change; the key is the artifact's, so nobody else reaches it (not found).
        HttpResponse<Map<String, Object>> other = http.toBlocking().exchange(HttpRequest.POST("/api/artifacts/" + id + "/versions",
                patch).bearerAuth(alice).header("Idempotency-Key", key + "-next"), JSON_OBJECT);
        assertThat(other.getHeaders().get("Idempotent-Replayed")).isNull();
        assertThat(other.body()).containsEntry("version", 3);
        assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.POST("/api/artifacts/" + id + "/versions", patch)
                .bearerAuth(jwks.token(tenant, "bob")).header("Idempotency-Key", key), JSON_OBJECT))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(404));
        assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.POST("/api/artifacts/" + id + "/versions", patch)
                .bearerAuth(alice).header("Idempotency-Key", "k".repeat(201)), JSON_OBJECT))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(400));

        // One ArtifactUpdated per version made (2 and 3), none for the replay.
        await().atMost(EVENT_WAIT).until(() -> events.forThread(thread).stream()
                .anyMatch(r -> data(r).path("artifact").path("version").asInt() == 3));
        assertThat(events.forThread(thread)).as("created, version 2, version 3").hasSize(3);
    }

    @SuppressWarnings("unchecked")
    private List<Object> versionsOf(String token, String id) {
        Map<String, Object> list = http.toBlocking().retrieve(HttpRequest.GET("/api/artifacts/" + id + "/versions")
                .bearerAuth(token), JSON_OBJECT);
        return (List<Object>) list.get("items");
    }

    private String create(String token, String type, ObjectNode content, String threadId) {
        Map<String, Object> body = new HashMap<>(Map.of("type", type, "content", asMap(content)));
        if (threadId != null) {
            body.put("thread_id", threadId);
        }
        HttpResponse<Map<String, Object>> response = http.toBlocking().exchange(HttpRequest.POST("/api/artifacts", body).bearerAuth(token), JSON_OBJECT);
        assertThat(response.getStatus().getCode()).isEqualTo(HttpStatus.CREATED.getCode());
        return (String) response.body().get("id");
    }

    private Map<String, Object> list(String token, String query) {
        return http.toBlocking().retrieve(HttpRequest.GET("/api/artifacts" + query).bearerAuth(token), JSON_OBJECT);
    }

    private static List<Object> ids(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("items")).stream().map(item -> item.get("id")).toList();
    }

    private void assertNotFound(String path, String token) {
        assertThatThrownBy(() -> http.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(token), JSON_OBJECT))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
                    assertThat(e.getResponse().getBody(JSON_OBJECT).orElseThrow().get("detail")).asString()
                            .endsWith("does not exist");
                });
    }

    private static MutableHttpRequest<Map<String, Object>> onBehalfOf(String tenant, String user, String serviceToken,
                                                                      Map<String, Object> body) {
        return HttpRequest.POST("/api/artifacts", body)
                .header(ServiceCredentials.TOKEN_HEADER, serviceToken)
                .header(ServiceCredentials.TENANT_HEADER, tenant)
                .header(ServiceCredentials.USER_HEADER, user);
    }

    private static String newTenant() {
        return "tenant-" + UUID.randomUUID();
    }

    /** Through JSON text, so numbers compare as a client parsing the body would see them. */
    private static JsonNode tree(Object value) {
        try {
            return JSON.readTree(JSON.writeValueAsString(value));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode data(ConsumerRecord<String, byte[]> record) {
        try {
            return JSON.readTree(record.value());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
