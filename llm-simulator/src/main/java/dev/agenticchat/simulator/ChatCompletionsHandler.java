package dev.agenticchat.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** {@code POST /v1/chat/completions}: validation, failure injection, then the scripted reply, streamed or not. */
final class ChatCompletionsHandler {

    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

    private final SimulatorState state;

    ChatCompletionsHandler(SimulatorState state) {
        this.state = state;
    }

    void handle(HttpExchange exchange) throws IOException, InterruptedException {
        if (!Authorization.isPresent(exchange)) {
            Authorization.reject(exchange);
            return;
        }
        Optional<JsonNode> body = Json.tryParse(Responses.readBody(exchange)).filter(JsonNode::isObject);
        if (body.isEmpty()) {
            Responses.error(exchange, 400, "We could not parse the JSON body of your request.", "invalid_json");
            return;
        }
        JsonNode messages = body.get().path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            Responses.error(exchange, 400, "Missing required parameter: 'messages'.", "missing_required_parameter");
            return;
        }
        state.record(SimulatorState.OPENAI, Authorization.fingerprint(exchange), body.get());
        OptionalInt injected = state.takeFailure();
        if (injected.isPresent()) {
            Responses.error(exchange, injected.getAsInt(), "Simulated failure injected by fail_next_requests.",
                    injected.getAsInt() == 429 ? "rate_limit_exceeded" : null);
            return;
        }
        ChatRequest request = new ChatRequest(body.get());
        Reply reply = Script.decide(request);
        if (reply instanceof Reply.Failure failure) {
            Responses.error(exchange, failure.status(), failure.message(), null);
            return;
        }
        Completion completion = Completion.of(request, reply);
        SimulatorConfig config = state.config();
        if (request.stream()) {
            stream(exchange, completion, config);
        } else {
            respond(exchange, completion, config);
        }
    }

    private static void stream(HttpExchange exchange, Completion completion, SimulatorConfig config)
            throws IOException, InterruptedException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            List<ObjectNode> deltas = CompletionJson.deltas(completion, config.reasoningField());
            for (int i = 0; i < deltas.size(); i++) {
                pause(i == 0 ? config.firstTokenDelayMs() : config.tokenDelayMs());
                send(out, CompletionJson.chunk(completion, deltas.get(i), null));
            }
            send(out, CompletionJson.finalChunk(completion));
            // Sent even without stream_options.include_usage: clients that did not ask simply ignore it.
            send(out, CompletionJson.usageChunk(completion));
            out.write(DONE);
            out.flush();
        }
    }

    /** A non-streamed answer takes as long as the stream would have, so latency tests behave alike in both modes. */
    private static void respond(HttpExchange exchange, Completion completion, SimulatorConfig config)
            throws IOException, InterruptedException {
        int chunks = CompletionJson.deltas(completion, config.reasoningField()).size();
        pause(config.firstTokenDelayMs() + (chunks - 1) * config.tokenDelayMs());
        Responses.json(exchange, 200, CompletionJson.response(completion, config.reasoningField()));
    }

    private static void send(OutputStream out, JsonNode chunk) throws IOException {
        out.write(("data: " + Json.write(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void pause(long millis) throws InterruptedException {
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
