package dev.agenticchat.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.agenticchat.gateway.fixtures.AnonymousUsers;
import dev.agenticchat.support.testing.TestDatabase;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The operator's admin API: tenants, their settings and admins, guarded by ADMIN_TOKEN. */
@MicronautTest(transactional = false)
@Property(name = "gateway.admin.token", value = TenantAdminIT.ADMIN_TOKEN)
class TenantAdminIT {
    static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";
    private static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);

    @Inject
    @Client("/")
    HttpClient http;

    private HttpResponse<Map<String, Object>> admin(MutableHttpRequest<?> request) {
        return http.toBlocking().exchange(request.bearerAuth(ADMIN_TOKEN), JSON);
    }

    private Map<String, Object> problem(MutableHttpRequest<?> request) {
        try {
            http.toBlocking().exchange(request, JSON);
            throw new AssertionError("expected an error");
        } catch (HttpClientResponseException e) {
            return e.getResponse().getBody(JSON).orElseThrow();
        }
    }

    private static String newSlug() {
        return "acme-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void only_the_admin_token_opens_the_admin_api() {
        String userToken = (String) AnonymousUsers.create(http).get("access_token");
        assertThat(problem(HttpRequest.GET("/api/admin/tenants"))).containsEntry("status", 401);
        assertThat(problem(HttpRequest.GET("/api/admin/tenants").bearerAuth("wrong-token"))).containsEntry("status", 401);
        assertThat(problem(HttpRequest.GET("/api/admin/tenants").bearerAuth(userToken))).containsEntry("status", 403);
        assertThat(problem(HttpRequest.GET("/api/me").bearerAuth(ADMIN_TOKEN))).containsEntry("status", 401);
        assertThat(admin(HttpRequest.GET("/api/admin/tenants")).getStatus().getCode()).isEqualTo(200);
    }

    @Test
    @SuppressWarnings("unchecked")
    void creates_lists_and_configures_a_tenant_whose_users_get_sessions_of_their_own() {
        String slug = newSlug();
        HttpResponse<Map<String, Object>> created = admin(HttpRequest.POST("/api/admin/tenants",
                Map.of("slug", slug, "name", "Acme Inc.", "summary_recipient", "Sales@Acme.example", "inactivity_timeout", "30m")));
        assertThat(created.getStatus().getCode()).isEqualTo(201);
        assertThat(created.body()).containsEntry("slug", slug).containsEntry("status", "active")
                .containsEntry("summary_recipient", "sales@acme.example").containsEntry("inactivity_timeout", "PT30M");
        assertThat((List<Map<String, Object>>) admin(HttpRequest.GET("/api/admin/tenants")).body().get("items"))
                .extracting(t -> t.get("slug")).contains(slug, "default");

        Map<String, Object> session = http.toBlocking().retrieve(HttpRequest.POST("/api/auth/anonymous", Map.of("tenant", slug)), JSON);
        assertThat(session).containsEntry("tenant_id", created.body().get("id"));

        Map<String, Object> changed = admin(HttpRequest.PATCH("/api/admin/tenants/" + slug,
                Map.of("inactivity_timeout", "PT2H", "summary_recipient", ""))).body();
        assertThat(changed).containsEntry("inactivity_timeout", "PT2H").containsEntry("summary_recipient", null)
                .containsEntry("name", "Acme Inc.");
    }

    @Test
    void a_disabled_tenant_starts_and_refreshes_no_session() {
        String slug = newSlug();
        admin(HttpRequest.POST("/api/admin/tenants", Map.of("slug", slug, "name", "Soon gone")));
        Map<String, Object> session = http.toBlocking().retrieve(HttpRequest.POST("/api/auth/anonymous", Map.of("tenant", slug)), JSON);

        assertThat(admin(HttpRequest.PATCH("/api/admin/tenants/" + slug, Map.of("status", "disabled"))).body())
                .containsEntry("status", "disabled");

        Map<String, Object> refused = problem(HttpRequest.POST("/api/auth/anonymous", Map.of("tenant", slug)));
        assertThat(refused).containsEntry("status", 403).containsEntry("detail", "tenant '" + slug + "' is disabled");
        assertThat(problem(HttpRequest.POST("/api/auth/refresh", Map.of("refresh_token", session.get("refresh_token")))))
                .containsEntry("status", 403);
        assertThat(problem(HttpRequest.POST("/api/auth/anonymous", Map.of("tenant", "no-such-" + slug))))
                .containsEntry("status", 404);
    }

    @Test
    @SuppressWarnings("unchecked")
    void refuses_bad_input_with_the_field_at_fault() {
        String slug = newSlug();
        assertThat(fields(problemAsAdmin(HttpRequest.POST("/api/admin/tenants", Map.of("slug", "Bad Slug!", "name", "x")))))
                .containsExactly("slug");
        assertThat(fields(problemAsAdmin(HttpRequest.POST("/api/admin/tenants",
                Map.of("slug", slug, "name", "x", "summary_recipient", "not-an-email"))))).containsExactly("summary_recipient");
        assertThat(fields(problemAsAdmin(HttpRequest.POST("/api/admin/tenants",
                Map.of("slug", slug, "name", "x", "inactivity_timeout", "soon"))))).containsExactly("inactivity_timeout");
        admin(HttpRequest.POST("/api/admin/tenants", Map.of("slug", slug, "name", "First")));
        Map<String, Object> duplicate = problemAsAdmin(HttpRequest.POST("/api/admin/tenants", Map.of("slug", slug, "name", "Second")));
        assertThat(duplicate).containsEntry("status", 409);
        assertThat(fields(problemAsAdmin(HttpRequest.PATCH("/api/admin/tenants/" + slug, Map.of("status", "paused")))))
                .containsExactly("status");
        assertThat(problemAsAdmin(HttpRequest.PATCH("/api/admin/tenants/none-" + slug, Map.of("name", "x"))))
                .containsEntry("status", 404);
        assertThat(fields(problemAsAdmin(HttpRequest.POST("/api/admin/tenants/" + slug + "/admins", Map.of("email", "nope")))))
                .containsExactly("email");
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_linked_person_made_admin_gets_the_role_in_the_next_token() throws Exception {
        String slug = newSlug();
        admin(HttpRequest.POST("/api/admin/tenants", Map.of("slug", slug, "name", "Admins")));
        Map<String, Object> session = http.toBlocking().retrieve(HttpRequest.POST("/api/auth/anonymous", Map.of("tenant", slug)), JSON);
        String email = "boss-" + UUID.randomUUID() + "@acme.example";
        // What linking a session by email code does to the user row.
        try (Connection db = TestDatabase.admin();
             PreparedStatement link = db.prepareStatement("UPDATE gateway.users SET kind = 'person', email = ? WHERE id = ?::uuid")) {
            link.setString(1, email);
            link.setString(2, (String) session.get("user_id"));
            assertThat(link.executeUpdate()).isEqualTo(1);
        }
        assertThat(roles(refresh(session))).containsExactly("person");

        Map<String, Object> tenant = admin(HttpRequest.POST("/api/admin/tenants/" + slug + "/admins",
                Map.of("email", email.toUpperCase()))).body();
        assertThat((List<String>) tenant.get("admins")).containsExactly(email);

        Map<String, Object> next = refresh(session);
        assertThat(roles(next)).containsExactly("person", "tenant_admin");
        Map<String, Object> other = http.toBlocking().retrieve(HttpRequest.POST("/api/auth/anonymous", Map.of("tenant", slug)), JSON);
        assertThat(roles(other)).as("an anonymous session of the tenant").containsExactly("visitor");
    }

    private Map<String, Object> refreshed;

    private Map<String, Object> refresh(Map<String, Object> session) {
        Object token = refreshed == null ? session.get("refresh_token") : refreshed.get("refresh_token");
        refreshed = http.toBlocking().retrieve(HttpRequest.POST("/api/auth/refresh", Map.of("refresh_token", token)), JSON);
        return refreshed;
    }

    private static List<String> roles(Map<String, Object> session) throws java.text.ParseException {
        return SignedJWT.parse((String) session.get("access_token")).getJWTClaimsSet().getStringListClaim("roles");
    }

    private Map<String, Object> problemAsAdmin(MutableHttpRequest<?> request) {
        return problem(request.bearerAuth(ADMIN_TOKEN));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> fields(Map<String, Object> problem) {
        return ((List<Map<String, Object>>) problem.get("errors")).stream().map(e -> e.get("field")).toList();
    }
}
