package dev.agenticchat.gateway.web;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.Map;

/**
 * Security headers on every response of the gateway, the web app's pages and scripts as well
 * as the API. A header the upstream service already set (e.g. a stricter CSP on an HTML
 * export) is kept.
 *
 * <p>The policy allows only the gateway's own scripts and styles: no inline script, no inline
 * event handler, no CDN. Mermaid writes {@code <style>} into the SVGs it makes; the app shows
 * those SVGs as images ({@code blob:}), where they are styled without loosening style-src.
 * An HTML artifact is shown in an {@code <iframe sandbox="allow-scripts" srcdoc>}: an
 * about:srcdoc document inherits this policy, so its inline scripts do not run, and the
 * sandbox (no allow-same-origin) keeps it off the app's origin, storage and cookies anyway.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class SecurityHeaders implements Ordered {
    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data: blob:",
            "connect-src 'self' ws: wss:",
            "frame-src 'self' blob: data:",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY",
            "Cross-Origin-Opener-Policy", "same-origin",
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");

    @ResponseFilter
    void addHeaders(MutableHttpResponse<?> response) {
        MutableHttpHeaders headers = response.getHeaders();
        HEADERS.forEach((name, value) -> {
            if (!headers.contains(name)) {
                headers.add(name, value);
            }
        });
    }

    /** Outermost: the headers land on every answer, the proxy's and the security filter's refusals included. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }
}
