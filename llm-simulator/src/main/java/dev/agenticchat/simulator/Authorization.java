package dev.agenticchat.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * Any non-empty key is accepted, as a bearer token (OpenAI) or an {@code x-api-key} header (Anthropic): the point
 * is to catch clients that forget to send one.
 */
final class Authorization {

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

    static void reject(HttpExchange exchange) throws IOException {
        Responses.error(exchange, 401,
                "You didn't provide an API key. You need to provide your API key in an Authorization header "
                        + "using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
                "invalid_api_key");
    }
}
