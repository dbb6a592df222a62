package dev.agenticchat.notification.summary;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.agenticchat.support.security.ServiceCredentials;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Asks the gateway's {@code /internal} directory about a tenant (its summary recipient) and a
 * user (a linked person's address), with the service credential on behalf of the thread owner.
 * Absent (404) is an answer; anything that is not an answer throws {@link GatewayUnavailable}.
 */
@Singleton
class GatewayDirectoryClient {
    /** The part of {@code GET /internal/tenants/{id}} used here. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Tenant(@Nullable String id, @Nullable String status, @Nullable String summaryRecipient) {
    }

    /** {@code GET /internal/users/{id}}: {@code email} only for a linked person. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record User(@Nullable String id, @Nullable String tenantId, @Nullable String kind, @Nullable String email) {
        static final String PERSON = "person";
    }

    private final HttpClient http;
    private final JsonMapper json;
    private final ServiceCredentials credentials;
    private final SummarySettings settings;

    GatewayDirectoryClient(JsonMapper json, ServiceCredentials credentials, SummarySettings settings) {
        this.json = json;
        this.credentials = credentials;
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.getGatewayTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Optional<Tenant> tenant(String tenantId, String onBehalfOfUser) throws IOException, InterruptedException {
        return get("/internal/tenants/", tenantId, tenantId, onBehalfOfUser, Tenant.class);
    }

    Optional<User> user(String tenantId, String userId) throws IOException, InterruptedException {
        return get("/internal/users/", userId, tenantId, userId, User.class);
    }

    private <T> Optional<T> get(String path, String id, String tenantId, String userId, Class<T> type)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.getGatewayUrl() + path
                        + URLEncoder.encode(id, StandardCharsets.UTF_8)))
                .timeout(settings.getGatewayTimeout())
                .header("Accept", "application/json")
                .header(ServiceCredentials.TOKEN_HEADER, credentials.getToken())
                .header(ServiceCredentials.TENANT_HEADER, tenantId)
                .header(ServiceCredentials.USER_HEADER, userId)
                .GET()
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new GatewayUnavailable("gateway unreachable at " + settings.getGatewayUrl() + ": " + e, e);
        }
        int status = response.statusCode();
        if (status == 404) {
            return Optional.empty();
        }
        if (status >= 200 && status < 300) {
            return Optional.of(json.readValue(response.body(), type));
        }
        if (status >= 500 || status == 429 || status == 408 || status == 401 || status == 403) {
            // 401/403: a service credential out of step with the gateway's; waiting beats parking every summary.
            throw new GatewayUnavailable("gateway answered HTTP " + status + " for " + path + "{id}");
        }
        throw new IllegalStateException("gateway answered HTTP " + status + " for " + path + "{id}");
    }
}
