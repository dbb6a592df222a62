package dev.agenticchat.artifact;

import static dev.agenticchat.artifact.fixtures.ArtifactSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agenticchat.artifact.fixtures.Api;
import dev.agenticchat.support.testing.TestJwks;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every artifact endpoint, called by someone who does not own the artifact, answers as if it did not exist. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationIT implements TestPropertyProvider {
    private final TestJwks jwks = TestJwks.start();
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
        api = new Api(http);
    }

    @AfterAll
    void stop() {
        jwks.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"the same user id in another tenant", "another user of the same tenant"})
    void someone_else_finds_no_artifact_behind_any_endpoint_and_changes_nothing(String who) {
        String tenant = "tenant-" + UUID.randomUUID();
        String owner = jwks.token(tenant, "alice");
        String stranger = who.startsWith("the same user")
                ? jwks.token("tenant-" + UUID.randomUUID(), "alice") : jwks.token(tenant, "mallory");
        String id = api.createId(owner, "table", sample("table"));
        String shareId = (String) api.exchange(HttpRequest.POST("/api/artifacts/" + id + "/shares", Map.of()).bearerAuth(owner))
                .body().get("id");
        String base = "/api/artifacts/" + id;

        List<Function<String, MutableHttpRequest<?>>> calls = List.of(
                token -> HttpRequest.GET(base).bearerAuth(token),
                token -> HttpRequest.GET(base + "/versions").bearerAuth(token),
                token -> HttpRequest.GET(base + "/versions/1").bearerAuth(token),
                token -> HttpRequest.GET(base + "/diff?from=1&to=1").bearerAuth(token),
                token -> HttpRequest.GET(base + "/export?format=json").bearerAuth(token),
                token -> HttpRequest.GET(base + "/export?format=pdf").bearerAuth(token),
                token -> HttpRequest.POST(base + "/shares", Map.of()).bearerAuth(token),
                token -> HttpRequest.GET(base + "/shares").bearerAuth(token),
                token -> HttpRequest.DELETE(base + "/shares/" + shareId).bearerAuth(token),
                token -> HttpRequest.POST(base + "/versions", Map.of("patch", Map.of("title", "mine now"))).bearerAuth(token),
                token -> HttpRequest.PATCH(base, "{\"content\": {\"title\": \"mine now\"}}")
                        .contentType("application/merge-patch+json").bearerAuth(token),
                token -> HttpRequest.DELETE(base).bearerAuth(token));

        for (Function<String, MutableHttpRequest<?>> call : calls) {
            Map<String, Object> problem = api.fails(call.apply(stranger), 404);
            assertThat((String) problem.get("detail")).isEqualTo("artifact " + id + " does not exist");
        }
        assertThat(ids(api.get("/api/artifacts", stranger))).doesNotContain(id);
        assertThat(ids(api.get("/api/artifacts?q=customers", stranger))).doesNotContain(id);

        assertThat(api.get(base, owner)).containsEntry("version", 1).containsEntry("title", "Top customers");
        assertThat(http.toBlocking().retrieve(HttpRequest.GET(base + "/shares").bearerAuth(owner), Argument.listOf(Api.JSON_OBJECT)))
                .singleElement().satisfies(share -> assertThat(share).containsEntry("id", shareId));
        for (Function<String, MutableHttpRequest<?>> call : calls.subList(0, 6)) {
            assertThat(api.bytes(call.apply(owner)).getStatus().getCode()).isEqualTo(200);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> ids(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("items")).stream().map(item -> item.get("id")).toList();
    }
}
