package dev.agenticchat.gateway.ws;

import dev.agenticchat.gateway.tenant.AllowedOrigins;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Which browser pages may use the socket. The server-wide {@code GATEWAY_ALLOWED_ORIGINS} (the web
 * app's own sites) may always; a site a tenant allows for its widget only for that tenant. The
 * tenant is known only from the token of {@code auth}, after the upgrade, so the check is in two
 * steps: the upgrade is let through for an origin that some tenant allows, and {@code auth} then
 * refuses a token of a tenant that does not allow it (an {@code origin_not_allowed} error, then
 * close 4403). A socket without {@code Origin} is not a browser page's and is not checked.
 */
@Singleton
class SocketOrigins {
    private final Set<String> serverWide;
    private final AllowedOrigins tenants;

    SocketOrigins(WebSocketSettings settings, AllowedOrigins tenants) {
        this.serverWide = settings.allowedOrigins().stream().map(SocketOrigins::normalize).collect(Collectors.toUnmodifiableSet());
        this.tenants = tenants;
    }

    /** At the upgrade: the server-wide list, or a site that some tenant allows. */
    boolean mayUpgrade(@Nullable String origin) {
        return origin == null || serverWide.contains(normalize(origin)) || tenants.allowedForSomeTenant(origin);
    }

    /** At {@code auth}: the server-wide list, or a site this tenant allows. */
    boolean mayAuthenticate(@Nullable String origin, String tenantId) {
        if (origin == null || serverWide.contains(normalize(origin))) {
            return true;
        }
        try {
            return tenants.allows(UUID.fromString(tenantId), origin);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String normalize(String origin) {
        String value = origin.strip().toLowerCase(Locale.ROOT);
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
