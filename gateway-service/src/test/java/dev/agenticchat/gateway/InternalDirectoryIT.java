package dev.agenticchat.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenticchat.gateway.fixtures.AnonymousUsers;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** /internal/**: tenant settings and people, for services holding the service credential only. */
@MicronautTest(transactional = false)
@Property(name = "agentic.service-credentials.token", value = InternalDirectoryIT.SERVICE_TOKEN)
@Property(name = "gateway.admin.token", value = InternalDirectoryIT.ADMIN_TOKEN)
class InternalDirectoryIT {
    static final String SERVICE_TOKEN = "internal-directory-it-token";
    static final String ADMIN_TOKEN = "internal-directory-admin-token";
    private static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);

    @Inject
    @Client("/")
    HttpClient http;

    private MutableHttpRequest<?> asService(MutableHttpRequest<?> request) {
        return request.header("X-Service-Token", SERVICE_TOKEN).header("X-On-Behalf-Of-Tenant", "any")
                .header("X-On-Behalf-Of-User", "agent-service");
    }

    private int status(MutableHttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(request, JSON).getStatus().getCode();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    @Test
    void answers_a_tenants_settings_and_a_users_kind_to_services_only() {
        String slug = "internal-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> tenant = http.toBlocking().retrieve(HttpRequest.POST("/api/admin/tenants",
                Map.of("slug", slug, "name", "Internal", "inactivity_timeout", "45m", "summary_recipient", "sales@internal.example"))
                .bearerAuth(ADMIN_TOKEN), JSON);
        Map<String, Object> session = http.toBlocking().retrieve(HttpRequest.POST("/api/auth/anonymous", Map.of("tenant", slug)), JSON);

        Map<String, Object> settings = http.toBlocking().retrieve(asService(HttpRequest.GET("/internal/tenants/" + tenant.get("id"))), JSON);
        assertThat(settings).containsEntry("slug", slug).containsEntry("inactivity_timeout", "PT45M")
                .containsEntry("summary_recipient", "sales@internal.example");
        Map<String, Object> user = http.toBlocking().retrieve(asService(HttpRequest.GET("/internal/users/" + session.get("user_id"))), JSON);
        assertThat(user).containsEntry("kind", "anonymous").containsEntry("email", null).containsEntry("tenant_id", tenant.get("id"));

        String userToken = (String) AnonymousUsers.create(http).get("access_token");
        assertThat(status(HttpRequest.GET("/internal/tenants/" + tenant.get("id")).bearerAuth(userToken))).isEqualTo(403);
        assertThat(status(HttpRequest.GET("/internal/tenants/" + tenant.get("id")))).isEqualTo(401);
        assertThat(status(asService(HttpRequest.GET("/internal/tenants/" + UUID.randomUUID())))).isEqualTo(404);
        assertThat(status(asService(HttpRequest.GET("/internal/tenants/not-a-uuid")))).isEqualTo(404);
        assertThat(status(asService(HttpRequest.GET("/internal/users/not-a-uuid")))).isEqualTo(404);
    }

    @Test
    void the_service_credential_authenticates_no_one_outside_internal() {
        assertThat(status(asService(HttpRequest.GET("/api/me")))).isEqualTo(401);
        assertThat(status(asService(HttpRequest.POST("/api/auth/otp/verify",
                Map.of("email", "someone@example.com", "code", "123456", "purpose", "link_session"))))).isEqualTo(401);
    }
}
