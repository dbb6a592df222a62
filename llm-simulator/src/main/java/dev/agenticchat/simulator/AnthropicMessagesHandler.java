package dev.agenticchat.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code POST /v1/messages}, Anthropic's Messages API: the request is translated into the chat-completions model
 * ({@link AnthropicRequest}), so the same script, failure injection and pacing answer it as they answer
 * {@code /v1/chat/completions}; only the wire format differs.
 */
final class AnthropicMessagesHandler {

    private final SimulatorState state;

    AnthropicMessagesHandler(SimulatorState state) {
        this.state = state;
    }

    void handle(HttpExchange exchange) throws IOException, InterruptedException {
        if (!Authorization.hasApiKey(exchange)) {
            AnthropicErrors.send(exchange, 401, "x-api-key header is required");
            return;
        }
        Optional<JsonNode> body = Json.tryParse(Responses.readBody(exchange)).filter(JsonNode::isObject);
        if (body.isEmpty()) {
            AnthropicErrors.send(exchange, 400, "There was an error parsing the body of your request: "
                    + "expected a JSON object.");
            return;
        }
        AnthropicRequest anthropic = new AnthropicRequest(body.get());
        Optional<String> problem = anthropic.problem();
        if (problem.isPresent()) {
            AnthropicErrors.send(exchange, 400, problem.get());
            return;
        }
        ObjectNode chatBody = anthropic.toChatCompletions();
        state.record(SimulatorState.ANTHROPIC, Authorization.fingerprint(exchange), chatBody);
        OptionalInt injected = state.takeFailure();
        if (injected.isPresent()) {
            AnthropicErrors.send(exchange, injected.getAsInt(), "Simulated failure injected by fail_next_requests.");
            return;
        }
        ChatRequest request = new ChatRequest(chatBody);
        Reply reply = Script.decide(request);
        if (reply instanceof Reply.Failure failure) {
            AnthropicErrors.send(exchange, failure.status(), failure.message());
            return;
        }
        Completion completion = Completion.of(request, reply, "msg_", "toolu_");
        if (!anthropic.thinkingEnabled()) {
            completion = completion.withoutReasoning();
        }
        completion = completion.limitedTo(anthropic.maxTokens());
        SimulatorConfig config = state.config();
        if (anthropic.stream()) {
            stream(exchange, completion, config);
        } else {
            respond(exchange, completion, config);
        }
    }

    /** Paced like the OpenAI stream: the first-token delay before anything, the token delay between token events. */
    private static void stream(HttpExchange exchange, Completion completion, SimulatorConfig config)
            throws IOException, InterruptedException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            pause(config.firstTokenDelayMs());
            boolean firstToken = true;
            for (AnthropicJson.Event event : AnthropicJson.events(completion)) {
                if (event.token()) {
                    if (!firstToken) {
                        pause(config.tokenDelayMs());
                    }
                    firstToken = false;
                }
                out.write(event.bytes());
                out.flush();
            }
        }
    }

    private static void respond(HttpExchange exchange, Completion completion, SimulatorConfig config)
            throws IOException, InterruptedException {
        List<AnthropicJson.Event> events = AnthropicJson.events(completion);
        long tokens = Math.max(1, events.stream().filter(AnthropicJson.Event::token).count());
        pause(config.firstTokenDelayMs() + (tokens - 1) * config.tokenDelayMs());
        Responses.json(exchange, 200, AnthropicJson.message(completion));
    }

    private static void pause(long millis) throws InterruptedException {
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
