package dev.agenticchat.gateway.widget;

import io.micronaut.http.HttpRequest;
import java.util.Optional;
import java.util.UUID;

/**
 * The tenant a session call is about, named by the controller that learns it (the body of
 * {@code /api/auth/anonymous}, the refresh token's session) for {@link WidgetCors}, which cannot
 * read bodies. Set before the call can fail, so a refusal the widget should show (429) is readable.
 */
public final class CorsTenant {
    static final String SLUG = "agentic.cors.tenant-slug";
    static final String ID = "agentic.cors.tenant-id";

    private CorsTenant() {
    }

    public static void bySlug(HttpRequest<?> request, String slug) {
        request.setAttribute(SLUG, slug);
    }

    public static void byId(HttpRequest<?> request, UUID tenantId) {
        request.setAttribute(ID, tenantId);
    }

    static Optional<String> slug(HttpRequest<?> request) {
        return request.getAttribute(SLUG, String.class);
    }

    static Optional<UUID> id(HttpRequest<?> request) {
        return request.getAttribute(ID, UUID.class);
    }
}
