package dev.agenticchat.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** Health and model listing, for readiness probes and clients that discover models before chatting. */
final class InfoHandler {

    /** A fixed creation time keeps the listing byte-for-byte deterministic. */
    private static final long MODEL_CREATED = 1_700_000_000L;

    private InfoHandler() {
    }

    static void health(HttpExchange exchange) throws IOException {
        Responses.json(exchange, 200, Json.object().put("status", "UP"));
    }

    static void models(HttpExchange exchange) throws IOException {
        if (!Authorization.isPresent(exchange)) {
            Authorization.reject(exchange);
            return;
        }
        ObjectNode model = Json.object()
                .put("id", ChatRequest.DEFAULT_MODEL)
                .put("object", "model")
                .put("created", MODEL_CREATED)
                .put("owned_by", "llm-simulator");
        ObjectNode list = Json.object().put("object", "list");
        list.putArray("data").add(model);
        Responses.json(exchange, 200, list);
    }
}
