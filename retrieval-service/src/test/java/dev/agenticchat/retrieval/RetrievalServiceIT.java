package dev.agenticchat.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agenticchat.support.testing.TestDatabase;
import dev.agenticchat.support.testing.TestJwks;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
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
        return Map.of("micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl());
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
        assertThat((Object) created.getHeaders().get("Location")).asString().startsWith("/api/knowledge-bases/");

        List<Map> mine = http.toBlocking().retrieve(HttpRequest.GET("/api/knowledge-bases").bearerAuth(token), Argument.listOf(Map.class));
        assertThat(mine).extracting(kb -> kb.get("name")).containsExactly("Policies");
        assertThat(mine.get(0)).containsEntry("embedding_model", "all-minilm-l6-v2");

        String otherTenant = jwks.token("tenant-" + UUID.randomUUID(), "alice");
        List<Map> theirs = http.toBlocking().retrieve(HttpRequest.GET("/api/knowledge-bases").bearerAuth(otherTenant), Argument.listOf(Map.class));
        assertThat(theirs).isEmpty();
    }

    @Test
    void rejects_a_blank_name_naming_the_field() {
        String token = jwks.token("tenant-" + UUID.randomUUID(), "alice");
        assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.POST("/api/knowledge-bases", Map.of("name", " ")).bearerAuth(token), Map.class))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
                    Map<?, ?> problem = e.getResponse().getBody(Map.class).orElseThrow();
                    assertThat((Object) problem.get("status")).isEqualTo(400);
                    assertThat((List<Map<String, String>>) problem.get("errors")).anySatisfy(error -> assertThat((Object) error.get("field")).isEqualTo("name"));
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
