package dev.agenticchat.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.agenticchat.gateway.fixtures.AnonymousUsers;
import dev.agenticchat.support.testing.TestDatabase;
import dev.agenticchat.support.testing.TestJwks;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class AuthIT {
    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void starts_an_anonymous_session_in_the_default_tenant_without_a_body() throws SQLException {
        HttpResponse<Map<String, Object>> response = http.toBlocking().exchange(HttpRequest.POST("/api/auth/anonymous", ""),
                Argument.mapOf(String.class, Object.class));

        assertThat(response.getStatus().getCode()).isEqualTo(200);
        assertThat(response.getHeaders().get("Cache-Control")).isEqualTo("no-store");
        Map<String, Object> session = response.body();
        assertThat(session).containsEntry("token_type", "Bearer").containsEntry("expires_in", 900);
        assertThat((String) session.get("access_token")).isNotBlank();
        assertThat((String) session.get("refresh_token")).isNotBlank();
        assertThat(session.get("tenant_id")).isEqualTo(defaultTenantId());
        assertThat(UUID.fromString((String) session.get("user_id"))).isNotNull();
    }

    @Test
    void answers_me_with_the_user_behind_the_token() {
        Map<String, Object> session = AnonymousUsers.create(http);

        Map<String, Object> me = http.toBlocking().retrieve(HttpRequest.GET("/api/me").bearerAuth((String) session.get("access_token")),
                Argument.mapOf(String.class, Object.class));

        assertThat(me).containsEntry("user_id", session.get("user_id")).containsEntry("tenant_id", session.get("tenant_id"))
                .containsEntry("kind", "anonymous").containsEntry("email", null);
    }

    @Test
    void signs_tokens_with_a_key_its_jwks_publishes() throws Exception {
        Map<String, Object> session = AnonymousUsers.create(http);
        SignedJWT token = SignedJWT.parse((String) session.get("access_token"));

        String jwks = http.toBlocking().retrieve("/.well-known/jwks.json");
        RSAKey key = (RSAKey) JWKSet.parse(jwks).getKeyByKeyId(token.getHeader().getKeyID());

        assertThat(key).as("JWKS key with the token's kid").isNotNull();
        assertThat(key.isPrivate()).isFalse();
        assertThat(token.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(token.verify(new RSASSAVerifier(key))).isTrue();
        var claims = token.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(session.get("user_id"));
        assertThat(claims.getStringClaim("tenant")).isEqualTo(session.get("tenant_id"));
        assertThat(claims.getStringListClaim("roles")).containsExactly("visitor");
        assertThat(claims.getIssuer()).isEqualTo("agentic-chat-gateway");
        assertThat(claims.getExpirationTime().toInstant())
                .isBetween(Instant.now().plus(Duration.ofMinutes(14)), Instant.now().plus(Duration.ofMinutes(16)));
    }

    @Test
    void rotates_a_refresh_token_and_refuses_it_once_used() {
        Map<String, Object> session = AnonymousUsers.create(http);
        String first = (String) session.get("refresh_token");

        Map<String, Object> rotated = refresh(first);

        assertThat(rotated.get("refresh_token")).isNotEqualTo(first);
        assertThat(rotated.get("access_token")).isNotEqualTo(session.get("access_token"));
        assertThat(rotated).containsEntry("user_id", session.get("user_id")).containsEntry("tenant_id", session.get("tenant_id"));
        Map<String, Object> me = http.toBlocking().retrieve(HttpRequest.GET("/api/me").bearerAuth((String) rotated.get("access_token")),
                Argument.mapOf(String.class, Object.class));
        assertThat(me).containsEntry("user_id", session.get("user_id"));
        assertThatThrownBy(() -> refresh(first)).isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(401);
            assertThat(e.getResponse().getContentType()).hasValue(MediaType.of("application/problem+json"));
        });
        assertThatThrownBy(() -> refresh((String) rotated.get("refresh_token"))).as("a replay revokes the whole family")
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(401));
    }

    @Test
    void rotates_a_refresh_token_again_and_again_while_nobody_replays_one() {
        String token = (String) AnonymousUsers.create(http).get("refresh_token");
        for (int i = 0; i < 3; i++) {
            token = (String) refresh(token).get("refresh_token");
        }
        assertThat(refresh(token)).containsKey("access_token");
    }

    @Test
    void refuses_an_unknown_refresh_token() {
        assertThatThrownBy(() -> refresh("not-a-token-we-issued"))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(401));
    }

    @Test
    void stores_only_the_hash_of_refresh_tokens() throws Exception {
        String refreshToken = (String) AnonymousUsers.create(http).get("refresh_token");
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(refreshToken.getBytes(StandardCharsets.UTF_8)));

        assertThat(countRefreshTokens(hash)).isEqualTo(1);
        assertThat(countRefreshTokens(refreshToken)).isZero();
    }

    @Test
    void names_the_tenant_when_it_does_not_exist() {
        assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.POST("/api/auth/anonymous", Map.of("tenant", "no-such-" + UUID.randomUUID()))))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(404);
                    Map<String, Object> problem = e.getResponse().getBody(Argument.mapOf(String.class, Object.class)).orElseThrow();
                    assertThat(problem).containsEntry("status", 404);
                    assertThat((List<Map<String, Object>>) problem.get("errors")).singleElement()
                            .satisfies(error -> assertThat(error).containsEntry("field", "tenant"));
                });
    }

    @Test
    void starts_sessions_in_the_tenant_named_and_stops_once_it_is_disabled() throws SQLException {
        String slug = "acme-" + UUID.randomUUID();
        UUID tenantId = createTenant(slug);
        Map<String, Object> session = http.toBlocking().retrieve(HttpRequest.POST("/api/auth/anonymous", Map.of("tenant", slug)),
                Argument.mapOf(String.class, Object.class));
        assertThat(session).containsEntry("tenant_id", tenantId.toString());

        disableTenant(tenantId);

        assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.POST("/api/auth/anonymous", Map.of("tenant", slug))))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(403);
                    assertThat(e.getResponse().getBody(String.class).orElseThrow()).contains("\"field\":\"tenant\"");
                });
        assertThatThrownBy(() -> refresh((String) session.get("refresh_token")))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(403));
    }

    @Test
    void refuses_a_token_signed_by_another_key() {
        try (TestJwks stranger = TestJwks.start()) {
            Map<String, Object> session = AnonymousUsers.create(http);
            String forged = stranger.token((String) session.get("tenant_id"), (String) session.get("user_id"));
            assertThatThrownBy(() -> http.toBlocking().retrieve(HttpRequest.GET("/api/me").bearerAuth(forged)))
                    .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
                        assertThat(e.getResponse().getContentType()).hasValue(MediaType.of("application/problem+json"));
                    });
        }
    }

    @Test
    void reports_liveness_and_readiness_without_a_token() {
        Map<?, ?> readiness = http.toBlocking().retrieve(HttpRequest.GET("/health/readiness"), Map.class);
        assertThat((Object) readiness.get("status")).isEqualTo("UP");
        Map<?, ?> liveness = http.toBlocking().retrieve(HttpRequest.GET("/health/liveness"), Map.class);
        assertThat((Object) liveness.get("status")).isEqualTo("UP");
    }

    @Test
    void its_database_role_cannot_touch_another_services_schema() throws SQLException {
        try (Connection connection = gatewayRole()) {
            assertThatThrownBy(() -> connection.createStatement().executeQuery("SELECT count(*) FROM chat.outbox"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        }
    }

    private Map<String, Object> refresh(String refreshToken) {
        return http.toBlocking().retrieve(HttpRequest.POST("/api/auth/refresh", Map.of("refresh_token", refreshToken)),
                Argument.mapOf(String.class, Object.class));
    }

    /** The gateway's own role: tests set up tenants the way an operator would, in the gateway's schema only. */
    private static Connection gatewayRole() throws SQLException {
        return DriverManager.getConnection(TestDatabase.url(), "gateway_service", "gateway_service");
    }

    private static String defaultTenantId() throws SQLException {
        try (Connection connection = gatewayRole();
             ResultSet rs = connection.createStatement().executeQuery("SELECT id FROM gateway.tenants WHERE slug = 'default'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static UUID createTenant(String slug) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection connection = gatewayRole();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO gateway.tenants (id, slug, name, status) VALUES (?, ?, ?, 'active')")) {
            insert.setObject(1, id);
            insert.setString(2, slug);
            insert.setString(3, "Acme");
            insert.executeUpdate();
        }
        return id;
    }

    private static void disableTenant(UUID id) throws SQLException {
        try (Connection connection = gatewayRole();
             PreparedStatement update = connection.prepareStatement("UPDATE gateway.tenants SET status = 'disabled' WHERE id = ?")) {
            update.setObject(1, id);
            update.executeUpdate();
        }
    }

    private static long countRefreshTokens(String tokenHash) throws SQLException {
        try (Connection connection = TestDatabase.admin();
             PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM gateway.refresh_tokens WHERE token_hash = ?")) {
            query.setString(1, tokenHash);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
