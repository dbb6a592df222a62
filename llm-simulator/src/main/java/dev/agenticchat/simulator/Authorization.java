package dev.agenticchat.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Any non-empty key is accepted, as a bearer token (OpenAI) or an {@code x-api-key} header (Anthropic): the point
 * is to catch clients that forget to send one.
 */
public final class Authorization {

    private static final String BEARER = "bearer ";

    private Authorization() {
    }

    static boolean isPresent(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        return header != null
                && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && !header.substring(BEARER.length()).isBlank();
    }

    static boolean hasApiKey(HttpExchange exchange) {
        String key = exchange.getRequestHeaders().getFirst("x-api-key");
        return key != null && !key.isBlank();
    }

    /**
     * A fingerprint of the key the request came with (the first 12 hex digits of its SHA-256), so a
     * test can tell which key a client used without the simulator keeping keys.
     */
    static String fingerprint(HttpExchange exchange) {
        String key = exchange.getRequestHeaders().getFirst("x-api-key");
        if (key == null) {
            String header = exchange.getRequestHeaders().getFirst("Authorization");
            key = header == null || header.length() < BEARER.length() ? "" : header.substring(BEARER.length()).trim();
        }
        return fingerprintOf(key);
    }

    /** What {@link #fingerprint} records for this key. */
    public static String fingerprintOf(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void reject(HttpExchange exchange) throws IOException {
        Responses.error(exchange, 401,
                "You didn't provide an API key. You need to provide your API key in an Authorization header "
                        + "using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
                "invalid_api_key");
    }
}
