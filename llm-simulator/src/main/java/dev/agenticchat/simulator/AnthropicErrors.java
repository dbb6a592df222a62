package dev.agenticchat.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** Errors of the Messages endpoint in Anthropic's shape, {@code {"type":"error","error":{"type","message"}}}. */
final class AnthropicErrors {

    private static final int OVERLOADED = 529;

    private AnthropicErrors() {
    }

    static void send(HttpExchange exchange, int status, String message) throws IOException {
        if (status == 429) {
            // Anthropic's clients honour retry-after as OpenAI's do; zero keeps retrying tests fast.
            exchange.getResponseHeaders().set("retry-after", "0");
        }
        Responses.json(exchange, status, body(status, message));
    }

    static ObjectNode body(int status, String message) {
        ObjectNode body = Json.object().put("type", "error");
        body.set("error", Json.object().put("type", type(status)).put("message", message));
        return body;
    }

    /** Anthropic's error types by status; statuses it does not document fall back to the family's general type. */
    static String type(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case OVERLOADED -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }
}
