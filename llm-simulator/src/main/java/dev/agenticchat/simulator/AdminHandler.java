package dev.agenticchat.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Optional;

/** The {@code /_sim/*} endpoints that let out-of-process tests and the demo script the simulator. */
final class AdminHandler {

    private final SimulatorState state;

    AdminHandler(SimulatorState state) {
        this.state = state;
    }

    void configure(HttpExchange exchange) throws IOException {
        Optional<JsonNode> body = Json.tryParse(Responses.readBody(exchange)).filter(JsonNode::isObject);
        if (body.isEmpty()) {
            Responses.error(exchange, 400, "Expected a JSON object with the simulator settings.", "invalid_json");
            return;
        }
        SimulatorConfig defaults = state.defaults();
        JsonNode json = body.get();
        SimulatorConfig config;
        try {
            config = new SimulatorConfig(
                    json.path("first_token_delay_ms").asLong(defaults.firstTokenDelayMs()),
                    json.path("token_delay_ms").asLong(defaults.tokenDelayMs()),
                    json.path("fail_next_requests").asInt(defaults.failNextRequests()),
                    json.path("fail_status").asInt(defaults.failStatus()),
                    json.path("reasoning_field").asText(defaults.reasoningField()));
        } catch (IllegalArgumentException e) {
            Responses.error(exchange, 400, e.getMessage(), "invalid_config");
            return;
        }
        state.configure(config);
        Responses.json(exchange, 200, toJson(config));
    }

    void currentConfig(HttpExchange exchange) throws IOException {
        Responses.json(exchange, 200, toJson(state.config()));
    }

    void reset(HttpExchange exchange) throws IOException {
        state.reset();
        Responses.noContent(exchange);
    }

    void requests(HttpExchange exchange) throws IOException {
        ArrayNode requests = Json.MAPPER.createArrayNode();
        state.requests().forEach(requests::add);
        Responses.json(exchange, 200, requests);
    }

    private static ObjectNode toJson(SimulatorConfig config) {
        return Json.object()
                .put("first_token_delay_ms", config.firstTokenDelayMs())
                .put("token_delay_ms", config.tokenDelayMs())
                .put("fail_next_requests", config.failNextRequests())
                .put("fail_status", config.failStatus())
                .put("reasoning_field", config.reasoningField());
    }
}
