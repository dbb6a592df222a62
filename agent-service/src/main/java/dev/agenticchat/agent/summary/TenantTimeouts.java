package dev.agenticchat.agent.summary;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.agenticchat.agent.Interruptions;
import dev.agenticchat.support.security.ServiceCredentials;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each tenant's inactivity timeout, from the gateway's {@code GET /internal/tenants/{id}} (with the
 * service credential), remembered for {@code agent.summaries.tenant-cache-ttl}. A tenant without
 * its own timeout, an unknown tenant and an unreachable gateway all get the configured default.
 */
@Singleton
class TenantTimeouts {
    private static final Logger LOG = LoggerFactory.getLogger(TenantTimeouts.class);

    private record Cached(Duration timeout, long expiresAtNanos) {
    }

    private final HttpClient http;
    private final ServiceCredentials credentials;
    private final SummarySettings settings;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    TenantTimeouts(@Client(id = "gateway-service") HttpClient http, ServiceCredentials credentials,
                   SummarySettings settings) {
        this.http = http;
        this.credentials = credentials;
        this.settings = settings;
    }

    /** The tenant's timeout; {@code userId} is a user of the tenant the gateway is asked on behalf of. */
    Duration of(String tenantId, String userId) throws InterruptedException {
        Cached cached = cache.get(tenantId);
        if (cached != null && System.nanoTime() - cached.expiresAtNanos() < 0) {
            return cached.timeout();
        }
        Duration timeout = fetch(tenantId, userId);
        cache.put(tenantId, new Cached(timeout, System.nanoTime() + settings.getTenantCacheTtl().toNanos()));
        return timeout;
    }

    private Duration fetch(String tenantId, String userId) throws InterruptedException {
        String path = UriBuilder.of("/internal/tenants").path(tenantId).build().toString();
        HttpRequest<?> request = HttpRequest.GET(path)
                .accept(MediaType.APPLICATION_JSON_TYPE)
                .header(ServiceCredentials.TOKEN_HEADER, credentials.getToken())
                .header(ServiceCredentials.TENANT_HEADER, tenantId)
                .header(ServiceCredentials.USER_HEADER, userId);
        try {
            TenantSettings tenant = http.toBlocking().retrieve(request, TenantSettings.class);
            return parse(tenant == null ? null : tenant.inactivityTimeout(), tenantId);
        } catch (HttpClientResponseException e) {
            if (e.getStatus().getCode() != 404) {
                LOG.warn("the gateway answered HTTP {} for tenant {}; using the default inactivity timeout",
                        e.getStatus().getCode(), tenantId);
            }
            return settings.getInactivityTimeout();
        } catch (RuntimeException e) {
            Interruptions.propagate(e);
            LOG.warn("could not ask the gateway for tenant {} ({}); using the default inactivity timeout", tenantId,
                    e.getMessage());
            return settings.getInactivityTimeout();
        }
    }

    private Duration parse(@Nullable String value, String tenantId) {
        if (value == null || value.isBlank()) {
            return settings.getInactivityTimeout();
        }
        try {
            Duration timeout = Duration.parse(value);
            if (!timeout.isNegative() && !timeout.isZero()) {
                return timeout;
            }
        } catch (DateTimeParseException e) {
            // Reported below, like a non-positive one.
        }
        LOG.warn("tenant {} has an invalid inactivity timeout {}; using the default", tenantId, value);
        return settings.getInactivityTimeout();
    }

    /** The part of the gateway's answer used here. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TenantSettings(@Nullable String id, @Nullable String slug, @Nullable String inactivityTimeout,
                          @Nullable String summaryRecipient) {
    }
}
