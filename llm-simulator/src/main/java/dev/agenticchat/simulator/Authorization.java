package dev.agenticchat.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** Any non-empty bearer token is accepted: the point is to catch clients that forget to send one. */
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

    static void reject(HttpExchange exchange) throws IOException {
        Responses.error(exchange, 401,
                "You didn't provide an API key. You need to provide your API key in an Authorization header "
                        + "using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
                "invalid_api_key");
    }
}
