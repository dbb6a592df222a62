package dev.agenticchat.artifact;

import static dev.agenticchat.artifact.fixtures.Api.fields;
import static dev.agenticchat.artifact.fixtures.Api.tree;
import static dev.agenticchat.artifact.fixtures.ArtifactSamples.asMap;
import static dev.agenticchat.artifact.fixtures.ArtifactSamples.table;
import static dev.agenticchat.artifact.fixtures.ArtifactSamples.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenticchat.artifact.fixtures.Api;
import dev.agenticchat.artifact.fixtures.ArtifactSamples;
import dev.agenticchat.artifact.fixtures.EventSchemas;
import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.ArtifactUpdated;
import dev.agenticchat.support.security.ServiceCredentials;
import dev.agenticchat.support.testing.TestJwks;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArtifactVersionsIT implements TestPropertyProvider {
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
    void a_new_version_from_complete_content_keeps_the_old_one_and_is_announced_as_updated() {
        String tenant = newTenant();
        String token = jwks.token(tenant, "alice");
        String thread = UUID.randomUUID().toString();
        String id = (String) api.create(token, "table", table(), thread).get("id");
        ObjectNode renamed = with(table(), "/title", "Best customers");
        String turn = UUID.randomUUID().toString();

        HttpResponse<Map<String, Object>> response = api.exchange(HttpRequest.POST("/api/artifacts/" + id + "/versions",
                Map.of("content", asMap(renamed), "status", "intermediate", "turn_id", turn)).bearerAuth(token));

        assertThat(response.getStatus().getCode()).isEqualTo(201);
        assertThat(response.getHeaders().get(HttpHeaders.ETAG)).isEqualTo("\"2\"");
        assertThat(response.body()).containsEntry("id", id).containsEntry("version", 2).containsEntry("title", "Best customers")
                .containsEntry("status", "intermediate").containsEntry("type", "table").containsEntry("thread_id", thread);
        assertThat(tree(api.get("/api/artifacts/" + id, token).get("content"))).isEqualTo(renamed);
        assertThat(tree(api.get("/api/artifacts/" + id + "/versions/1", token).get("content"))).isEqualTo(table());
        Map<String, Object> second = api.get("/api/artifacts/" + id + "/versions/2", token);
        assertThat(second).containsEntry("version", 2).containsEntry("status", "intermediate").containsEntry("turn_id", turn);

        List<Map<String, Object>> history = items(api.get("/api/artifacts/" + id + "/versions", token));
        assertThat(history).extracting(v -> v.get("version")).containsExactly(2, 1);
        assertThat(history).extracting(v -> v.get("status")).containsExactly("intermediate", "final");
        assertThat(history.get(0)).containsEntry("turn_id", turn).containsKey("created_at");

        await().atMost(EVENT_WAIT).until(() -> events.forThread(thread).size() == 2);
        assertThat(events.forThread(thread).get(1)).satisfies(record -> {
            assertThat(record.key()).isEqualTo(thread);
            assertThat(TestKafka.header(record, CloudEventHeaders.TYPE)).isEqualTo(ArtifactUpdated.TYPE)
                    .isEqualTo("dev.agenticchat.artifact.updated");
            assertThat(TestKafka.header(record, CloudEventHeaders.TENANT_ID)).isEqualTo(tenant);
            assertThat(TestKafka.header(record, CloudEventHeaders.USER_ID)).isEqualTo("alice");
            assertThat(TestKafka.header(record, CloudEventHeaders.SUBJECT)).isEqualTo(id);
            JsonNode data = data(record.value());
            assertThat(data.path("previous_version").asInt()).isEqualTo(1);
            assertThat(data.path("artifact").path("version").asInt()).isEqualTo(2);
            assertThat(data.path("artifact").path("turn_id").asText()).isEqualTo(turn);
            assertThat(data.path("artifact").path("content")).isEqualTo(renamed);
            assertThat(EventSchemas.validate("artifact-updated", data)).isEmpty();
        });
    }

    @Test
    void a_merge_patch_changes_only_what_it_names_and_null_removes_a_member() {
        String token = jwks.token(newTenant(), "alice");
        String id = api.createId(token, "table", table());

        Map<String, Object> view = api.exchange(HttpRequest.POST("/api/artifacts/" + id + "/versions",
                Map.of("patch", Map.of("title", "Renamed", "sortable", false))).bearerAuth(token)).body();

        ObjectNode expected = with(with(table(), "/title", "Renamed"), "/sortable", false);
        assertThat(tree(view.get("content"))).isEqualTo(expected);
        assertThat(view).containsEntry("status", "final").containsEntry("version", 2);

        String patchWithNull = "{\"patch\": {\"filterable\": null}}";
        Map<String, Object> third = api.exchange(jsonPost("/api/artifacts/" + id + "/versions", patchWithNull, token)).body();
        assertThat(tree(third.get("content")).has("filterable")).isFalse();
        assertThat(third).containsEntry("version", 3);
    }

    @Test
    void a_new_version_that_breaks_the_schema_is_refused_like_a_new_artifact_and_stores_nothing() {
        String token = jwks.token(newTenant(), "alice");
        String id = api.createId(token, "table", table());

        Map<String, Object> problem = api.fails(HttpRequest.POST("/api/artifacts/" + id + "/versions",
                Map.of("patch", Map.of("rows", List.of(List.of("only one cell"))))).bearerAuth(token), 422);

        assertThat(problem).containsEntry("title", "Invalid artifact");
        assertThat((String) problem.get("detail")).contains("was not updated", "/rows/0", "update_artifact");
        assertThat(fields(problem)).containsExactly("/rows/0");
        assertThat(api.get("/api/artifacts/" + id, token)).containsEntry("version", 1);
        assertThat(items(api.get("/api/artifacts/" + id + "/versions", token))).hasSize(1);
    }

    @Test
    void refuses_a_malformed_request_with_a_400_naming_the_problem() {
        String token = jwks.token(newTenant(), "alice");
        String id = api.createId(token, "table", table());
        String versions = "/api/artifacts/" + id + "/versions";

        assertThat((String) api.fails(jsonPost(versions, "{\"patch\": {\"title\": ", token), 400).get("detail"))
                .startsWith("the request body is not valid JSON");
        assertThat(fields(api.fails(jsonPost(versions, "{\"patch\": [1, 2]}", token), 400))).containsExactly("patch");
        assertThat((String) api.fails(jsonPost(versions, "{\"patch\": \"x\"}", token), 400).get("detail"))
                .contains("patch must be a JSON object", "a string");
        assertThat(fields(api.fails(jsonPost(versions, "[]", token), 400))).containsExactly("body");
        assertThat(fields(api.fails(jsonPost(versions, "{}", token), 400))).containsExactly("content");
        assertThat(fields(api.fails(jsonPost(versions, "{\"content\": {}, \"patch\": {}}", token), 400)))
                .containsExactly("patch");
        assertThat(fields(api.fails(jsonPost(versions, "{\"content\": {}, \"colour\": 1}", token), 400)))
                .containsExactly("colour");
        assertThat(fields(api.fails(jsonPatch("/api/artifacts/" + id, "not json", token), 400))).containsExactly("body");
        assertThat(fields(api.fails(jsonPatch("/api/artifacts/" + id, "{\"title\": \"x\"}", token), 400)))
                .containsExactly("title");
        assertThat(fields(api.fails(jsonPost(versions, "{\"content\": {}, \"status\": \"done\"}", token), 422)))
                .containsExactly("status");
    }

    @Test
    void a_person_edits_with_a_merge_patch_over_content_and_status() {
        String token = jwks.token(newTenant(), "alice");
        String id = api.createId(token, "table", table());

        HttpResponse<Map<String, Object>> response = api.exchange(
                jsonPatch("/api/artifacts/" + id, "{\"content\": {\"title\": \"Edited\"}, \"status\": \"intermediate\"}", token));

        assertThat(response.getStatus().getCode()).isEqualTo(200);
        assertThat(response.body()).containsEntry("version", 2).containsEntry("title", "Edited")
                .containsEntry("status", "intermediate");
        assertThat(tree(response.body().get("content"))).isEqualTo(with(table(), "/title", "Edited"));
        assertThat(api.get("/api/artifacts/" + id + "/versions/2", token)).containsEntry("turn_id", null);

        MutableHttpRequest<String> asJson = HttpRequest.PATCH("/api/artifacts/" + id, "{\"status\": \"final\"}")
                .contentType(MediaType.APPLICATION_JSON_TYPE).bearerAuth(token);
        assertThat(api.exchange(asJson).body()).containsEntry("version", 3).containsEntry("status", "final");

        assertThat(fields(api.fails(jsonPatch("/api/artifacts/" + id, "{\"content\": {\"columns\": []}}", token), 422)))
                .contains("/columns");
        assertThat(fields(api.fails(jsonPatch("/api/artifacts/" + id, "{\"status\": null}", token), 422)))
                .containsExactly("status");
    }

    @Test
    void if_match_with_a_stale_version_is_refused_with_412_and_the_current_one_is_accepted() {
        String token = jwks.token(newTenant(), "alice");
        String id = api.createId(token, "table", table());
        api.exchange(jsonPatch("/api/artifacts/" + id, "{\"content\": {\"title\": \"v2\"}}", token));

        Map<String, Object> problem = api.fails(jsonPatch("/api/artifacts/" + id, "{\"content\": {\"title\": \"v3\"}}", token)
                .header(HttpHeaders.IF_MATCH, "\"1\""), 412);
        assertThat((String) problem.get("detail")).contains("is at version 2");
        api.fails(jsonPost("/api/artifacts/" + id + "/versions", "{\"patch\": {\"title\": \"v3\"}}", token)
                .header(HttpHeaders.IF_MATCH, "\"1\""), 412);
        assertThat(api.get("/api/artifacts/" + id, token)).containsEntry("version", 2);

        HttpResponse<Map<String, Object>> current = api.exchange(jsonPatch("/api/artifacts/" + id,
                "{\"content\": {\"title\": \"v3\"}}", token).header(HttpHeaders.IF_MATCH, "\"2\""));
        assertThat(current.body()).containsEntry("version", 3);
        assertThat(current.getHeaders().get(HttpHeaders.ETAG)).isEqualTo("\"3\"");
    }

    @Test
    void concurrent_updates_each_get_a_version_number_of_their_own() throws Exception {
        String token = jwks.token(newTenant(), "alice");
        String id = api.createId(token, "table", table());
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Callable<Object>> updates = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String title = "writer " + i;
                updates.add(() -> api.exchange(HttpRequest.POST("/api/artifacts/" + id + "/versions",
                        Map.of("patch", Map.of("title", title))).bearerAuth(token)).body().get("version"));
            }
            List<Object> versions = new ArrayList<>();
            for (Future<Object> result : pool.invokeAll(updates)) {
                versions.add(result.get());
            }
            assertThat(versions).containsExactlyInAnyOrder(2, 3, 4, 5, 6, 7, 8, 9);
        } finally {
            pool.shutdown();
        }
        assertThat(items(api.get("/api/artifacts/" + id + "/versions", token))).extracting(v -> v.get("version"))
                .containsExactly(9, 8, 7, 6, 5, 4, 3, 2, 1);
        assertThat(api.get("/api/artifacts/" + id, token)).containsEntry("version", 9);
    }

    @Test
    void the_diff_lists_field_level_changes_as_json_pointers() {
        String token = jwks.token(newTenant(), "alice");
        String id = api.createId(token, "table", table());
        api.exchange(jsonPatch("/api/artifacts/" + id,
                "{\"content\": {\"title\": \"Renamed\", \"filterable\": null, \"rows\": [[\"Acme Corp\", 43, 125000.5, true, \"2023-04-01\"]]}}",
                token));

        Map<String, Object> diff = api.get("/api/artifacts/" + id + "/diff?from=1&to=2", token);

        assertThat(diff).containsEntry("from", 1).containsEntry("to", 2).containsEntry("artifact_id", id);
        assertThat(tree(diff.get("changes"))).containsExactlyInAnyOrderElementsOf(tree(List.of(
                change("/title", "changed", "Top customers", "Renamed"),
                change("/rows/0/1", "changed", 42, 43),
                change("/rows/1", "removed", List.of("Globex", 17, 48250, false, "2024-09-15"), null),
                change("/rows/2", "removed", Arrays.asList("Initech", 3, null, true, null), null),
                change("/filterable", "removed", true, null))));
        assertThat(tree(api.get("/api/artifacts/" + id + "/diff?from=2&to=1", token).get("changes")))
                .contains(tree(change("/title", "changed", "Renamed", "Top customers")),
                        tree(change("/filterable", "added", null, true)));
        assertThat(tree(api.get("/api/artifacts/" + id + "/diff?from=1&to=1", token).get("changes"))).isEmpty();
    }

    @Test
    void an_unknown_version_is_a_404_naming_it_and_a_missing_parameter_a_400() {
        String token = jwks.token(newTenant(), "alice");
        String id = api.createId(token, "table", table());

        Map<String, Object> unknownTo = api.fails(HttpRequest.GET("/api/artifacts/" + id + "/diff?from=1&to=7").bearerAuth(token), 404);
        assertThat((String) unknownTo.get("detail")).startsWith("version 7 of artifact " + id + " does not exist");
        assertThat(fields(unknownTo)).containsExactly("to");
        assertThat(fields(api.fails(HttpRequest.GET("/api/artifacts/" + id + "/diff?from=5&to=1").bearerAuth(token), 404)))
                .containsExactly("from");
        assertThat(fields(api.fails(HttpRequest.GET("/api/artifacts/" + id + "/diff?to=1").bearerAuth(token), 400)))
                .containsExactly("from");
        assertThat(fields(api.fails(HttpRequest.GET("/api/artifacts/" + id + "/diff?from=1").bearerAuth(token), 400)))
                .containsExactly("to");
        assertThat(fields(api.fails(HttpRequest.GET("/api/artifacts/" + id + "/diff?from=one&to=1").bearerAuth(token), 400)))
                .containsExactly("from");
        assertThat((String) api.fails(HttpRequest.GET("/api/artifacts/" + id + "/versions/2").bearerAuth(token), 404)
                .get("detail")).startsWith("version 2 of artifact " + id + " does not exist");
        api.fails(HttpRequest.POST("/api/artifacts/" + UUID.randomUUID() + "/versions", Map.of("patch", Map.of()))
                .bearerAuth(token), 404);
    }

    @Test
    void agent_service_adds_a_version_on_the_users_behalf() {
        String tenant = newTenant();
        String id = api.createId(jwks.token(tenant, "bob"), "table", table());

        HttpResponse<Map<String, Object>> response = api.exchange(HttpRequest.POST("/api/artifacts/" + id + "/versions",
                        Map.of("patch", Map.of("title", "By the agent")))
                .header(ServiceCredentials.TOKEN_HEADER, "local-dev-service-token")
                .header(ServiceCredentials.TENANT_HEADER, tenant)
                .header(ServiceCredentials.USER_HEADER, "bob"));

        assertThat(response.getStatus().getCode()).isEqualTo(201);
        assertThat(response.body()).containsEntry("version", 2).containsEntry("title", "By the agent");
    }

    private static Map<String, Object> change(String path, String op, Object from, Object to) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("path", path);
        change.put("op", op);
        change.put("from", from);
        change.put("to", to);
        return change;
    }

    private static MutableHttpRequest<String> jsonPost(String path, String body, String token) {
        return HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_JSON_TYPE).bearerAuth(token);
    }

    private static MutableHttpRequest<String> jsonPatch(String path, String body, String token) {
        return HttpRequest.PATCH(path, body).contentType("application/merge-patch+json").bearerAuth(token);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
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
