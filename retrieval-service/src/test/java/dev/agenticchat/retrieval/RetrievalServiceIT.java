package dev.agenticchat.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agenticchat.contracts.Topics;
import dev.agenticchat.support.paging.InvalidCursor;
import dev.agenticchat.support.security.ServiceCredentials;
import dev.agenticchat.support.testing.TestDatabase;
import dev.agenticchat.support.testing.TestJwks;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetrievalServiceIT implements TestPropertyProvider {
    private final TestJwks jwks = TestJwks.start();

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl(),
                "retrieval.ingestion.topic", TestKafka.createTopic(Topics.RETRIEVAL_INGESTION, 12));
    }

    @AfterAll
    void stopJwks() {
        jwks.close();
    }

    @Test
    void reports_liveness_and_readiness_without_a_token() {
        Map<?, ?> readiness = http.toBlocking().retrieve(HttpRequest.GET("/health/readiness"), Map.class);
        assertThat((Object) readiness.get("status")).isEqualTo("UP");
        Map<?, ?> liveness = http.toBlocking().retrieve(HttpRequest.GET("/health/liveness"), Map.class);
        assertThat((Object) liveness.get("status")).isEqualTo("UP");
    }

    @Test
    void refuses_a_request_without_a_token_with_problem_json() {
        assertThatThrownBy(() -> http.toBlocking().retrieve(HttpRequest.GET("/api/knowledge-bases")))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
                    assertThat(e.getResponse().getContentType()).hasValueSatisfying(
                            type -> assertThat(type.toString()).isEqualTo("application/problem+json"));
                });
    }

    @Test
    void refuses_a_token_signed_by_another_key() {
        try (TestJwks stranger = TestJwks.start()) {
            String forged = stranger.token("default", "mallory");
            assertThatThrownBy(() -> http.toBlocking().retrieve(HttpRequest.GET("/api/knowledge-bases").bearerAuth(forged)))
                    .isInstanceOfSatisfying(HttpClientResponseException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.UNAUTHORIZED.getCode()));
        }
    }

    @Test
    void keeps_knowledge_bases_within_their_tenant() {
        String tenant = "tenant-" + UUID.randomUUID();
        String token = jwks.token(tenant, "alice");
        var created = http.toBlocking().exchange(HttpRequest.POST("/api/knowledge-bases",
                Map.of("name", "Policies", "description", "HR policies")).bearerAuth(token), Map.class);
        assertThat(created.getStatus().getCode()).isEqualTo(HttpStatus.CREATED.getCode());
        String location = created.getHeaders().get("Location");
        assertThat(location).startsWith("/api/knowledge-bases/");

        List<Map> mine = items(http.toBlocking().retrieve(HttpRequest.GET("/api/knowledge-bases").bearerAuth(token), Map.class));
        assertThat(mine).extracting(kb -> kb.get("name")).containsExactly("Policies");
        assertThat(mine.get(0)).containsEntry("embedding_model", "all-minilm-l6-v2").containsEntry("chunk_size", 500)
                .containsEntry("chunk_overlap", 50);

        String otherTenant = jwks.token("tenant-" + UUID.randomUUID(), "alice");
        assertThat(items(http.toBlocking().retrieve(HttpRequest.GET("/api/knowledge-bases").bearerAuth(otherTenant), Map.class))).isEmpty();
        assertNotFound(() -> http.toBlocking().retrieve(HttpRequest.GET(location).bearerAuth(otherTenant)));
        assertNotFound(() -> http.toBlocking().exchange(HttpRequest.PATCH(location, Map.of("name", "Mine now")).bearerAuth(otherTenant)));
        assertNotFound(() -> http.toBlocking().exchange(HttpRequest.DELETE(location).bearerAuth(otherTenant)));
    }

    @Test
    void answers_a_service_acting_for_the_owner_and_not_for_another_user_or_tenant() {
        String tenant = "tenant-" + UUID.randomUUID();
        Map<?, ?> kb = http.toBlocking().retrieve(HttpRequest.POST("/api/knowledge-bases", Map.of("name", "Manuals"))
                .bearerAuth(jwks.token(tenant, "alice")), Map.class);
        String path = "/api/knowledge-bases/" + kb.get("id");

        Map<?, ?> seen = http.toBlocking().retrieve(onBehalfOf(HttpRequest.GET(path), tenant, "alice"), Map.class);
        assertThat((Object) seen.get("name")).isEqualTo("Manuals");
        assertNotFound(() -> http.toBlocking().retrieve(onBehalfOf(HttpRequest.GET(path), tenant, "bob")));
        assertNotFound(() -> http.toBlocking().retrieve(onBehalfOf(HttpRequest.GET(path), "tenant-" + UUID.randomUUID(), "alice")));
    }

    @Test
    void renames_and_deletes_a_knowledge_base_and_pages_through_the_list() {
        String token = jwks.token("tenant-" + UUID.randomUUID(), "alice");
        for (int i = 1; i <= 3; i++) {
            http.toBlocking().exchange(HttpRequest.POST("/api/knowledge-bases", Map.of("name", "kb " + i)).bearerAuth(token), Map.class);
        }
        Map<?, ?> first = http.toBlocking().retrieve(HttpRequest.GET("/api/knowledge-bases?limit=2").bearerAuth(token), Map.class);
        assertThat(items(first)).extracting(kb -> kb.get("name")).containsExactly("kb 3", "kb 2");
        Map<?, ?> second = http.toBlocking().retrieve(HttpRequest.GET("/api/knowledge-bases?limit=2&cursor=" + first.get("next_cursor"))
                .bearerAuth(token), Map.class);
        assertThat(items(second)).extracting(kb -> kb.get("name")).containsExactly("kb 1");
        assertThat((Object) second.get("next_cursor")).isNull();

        String path = "/api/knowledge-bases/" + items(second).get(0).get("id");
        Map<?, ?> renamed = http.toBlocking().retrieve(HttpRequest.PATCH(path, Map.of("name", "Handbooks")).bearerAuth(token), Map.class);
        assertThat((Object) renamed.get("name")).isEqualTo("Handbooks");
        assertThat(http.toBlocking().exchange(HttpRequest.DELETE(path).bearerAuth(token)).getStatus().getCode()).isEqualTo(204);
        assertNotFound(() -> http.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(token)));
    }

    @Test
    void refuses_a_cursor_its_lists_did_not_hand_out_with_the_problem_every_service_answers() {
        String token = jwks.token("tenant-" + UUID.randomUUID(), "alice");
        for (int i = 1; i <= 2; i++) {
            http.toBlocking().exchange(HttpRequest.POST("/api/knowledge-bases", Map.of("name", "kb " + i)).bearerAuth(token), Map.class);
        }
        Map<?, ?> first = http.toBlocking().retrieve(HttpRequest.GET("/api/knowledge-bases?limit=1").bearerAuth(token), Map.class);
        String documents = "/api/knowledge-bases/" + items(first).get(0).get("id") + "/documents";

        for (String path : List.of("/api/knowledge-bases?cursor=garbage", documents + "?cursor=bogus",
                documents + "?cursor=" + first.get("next_cursor"))) {
            assertBadField(() -> http.toBlocking().exchange(HttpRequest.GET(path).bearerAuth(token), Map.class), "cursor");
            assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.GET(path).bearerAuth(token), Map.class))
                    .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getResponse().getBody(Map.class)
                            .orElseThrow()).containsEntry("title", InvalidCursor.TITLE).containsEntry("detail", InvalidCursor.DETAIL));
        }
    }

    @Test
    void rejects_chunking_and_models_it_cannot_honour_naming_the_field() {
        String token = jwks.token("tenant-" + UUID.randomUUID(), "alice");
        assertBadField(() -> http.toBlocking().exchange(HttpRequest.POST("/api/knowledge-bases",
                Map.of("name", "x", "embedding_model", "word2vec-1999")).bearerAuth(token), Map.class), "embedding_model");
        assertBadField(() -> http.toBlocking().exchange(HttpRequest.POST("/api/knowledge-bases",
                Map.of("name", "x", "chunk_size", 10)).bearerAuth(token), Map.class), "chunk_size");
        assertBadField(() -> http.toBlocking().exchange(HttpRequest.POST("/api/knowledge-bases",
                Map.of("name", "x", "chunk_size", 300, "chunk_overlap", 200)).bearerAuth(token), Map.class), "chunk_overlap");
    }

    @Test
    void rejects_a_blank_name_naming_the_field() {
        String token = jwks.token("tenant-" + UUID.randomUUID(), "alice");
        assertBadField(() -> http.toBlocking().exchange(HttpRequest.POST("/api/knowledge-bases", Map.of("name", " ")).bearerAuth(token), Map.class), "name");
    }

    private static List<Map> items(Map<?, ?> page) {
        return (List<Map>) page.get("items");
    }

    private static <T> MutableHttpRequest<T> onBehalfOf(MutableHttpRequest<T> request, String tenant, String user) {
        return request.header(ServiceCredentials.TOKEN_HEADER, ServiceCredentials.LOCAL_DEFAULT)
                .header(ServiceCredentials.TENANT_HEADER, tenant).header(ServiceCredentials.USER_HEADER, user);
    }

    private static void assertNotFound(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(HttpClientResponseException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode()));
    }

    private static void assertBadField(ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
            Map<?, ?> problem = e.getResponse().getBody(Map.class).orElseThrow();
            assertThat((Object) problem.get("status")).isEqualTo(400);
            assertThat((List<Map<String, String>>) problem.get("errors")).anySatisfy(error -> assertThat((Object) error.get("field")).isEqualTo(field));
        });
    }

    @Test
    void its_database_role_cannot_touch_another_services_schema() throws SQLException {
        try (Connection connection = DriverManager.getConnection(TestDatabase.url(), "retrieval_service", "retrieval_service")) {
            assertThatThrownBy(() -> connection.createStatement().executeQuery("SELECT count(*) FROM chat.outbox"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> connection.createStatement().execute("CREATE TABLE public.sneaky (id int)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        }
    }
}
