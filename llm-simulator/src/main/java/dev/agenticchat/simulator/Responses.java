package dev.agenticchat.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writing complete (non-streamed) responses, including errors in the exact shape OpenAI uses. */
final class Responses {

    private Responses() {
    }

    static String readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void noContent(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    static void error(HttpExchange exchange, int status, String message, String code) throws IOException {
        if (status == 429) {
            // Clients such as langchain4j and the OpenAI SDKs honour this header; zero keeps retrying tests fast.
            exchange.getResponseHeaders().set("retry-after", "0");
        }
        json(exchange, status, errorBody(status, message, code));
    }

    static ObjectNode errorBody(int status, String message, String code) {
        ObjectNode error = Json.object();
        error.put("message", message);
        error.put("type", errorType(status));
        error.putNull("param");
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        ObjectNode body = Json.object();
        body.set("error", error);
        return body;
    }

    private static String errorType(int status) {
        if (status == 429) {
            return "rate_limit_error";
        }
        return status >= 500 ? "server_error" : "invalid_request_error";
    }
}
