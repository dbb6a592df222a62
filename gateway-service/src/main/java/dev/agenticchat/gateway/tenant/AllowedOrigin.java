package dev.agenticchat.gateway.tenant;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A site that may embed the widget, written as browsers send it in {@code Origin}:
 * {@code https://shop.example} or {@code http://localhost:3000}. Scheme http or https, an ASCII
 * host (IDNs in punycode, as browsers send them), an optional port, nothing else: no path, query,
 * user info or wildcard, since one origin is one site and a wildcard would hand a tenant's
 * visitors to every subdomain someone can take over. Stored normalized (lower case, the default
 * port dropped) so the check on every preflight and upgrade is one exact lookup.
 */
public final class AllowedOrigin {
    public static final int MAX_PER_TENANT = 20;
    public static final String RULE = "must be an origin like https://shop.example or http://localhost:3000 "
            + "(http or https, a host, an optional port; no path, query or wildcard)";
    private static final Pattern HOST = Pattern.compile(
            "^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$|^\\[[0-9a-f:.]+]$");

    private AllowedOrigin() {
    }

    /** The normalized origin, or empty when the text is not one (see the class comment). */
    public static Optional<String> parse(String text) {
        if (text == null || text.isBlank() || text.length() > 300 || text.contains("*")) {
            return Optional.empty();
        }
        String value = text.strip();
        if (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getRawAuthority() == null
                || uri.getRawUserInfo() != null || !uri.getRawPath().isEmpty() || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.getHost() == null) {
            return Optional.empty();
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (!HOST.matcher(host).matches()) {
            return Optional.empty();
        }
        int port = uri.getPort();
        if (port == 0 || port > 65535 || (port == -1 && uri.getRawAuthority().endsWith(":"))) {
            return Optional.empty();
        }
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return Optional.of(scheme + "://" + host + (defaultPort ? "" : ":" + port));
    }
}
