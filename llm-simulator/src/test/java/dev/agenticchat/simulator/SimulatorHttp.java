package dev.agenticchat.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Test-side HTTP client speaking to a simulator over real sockets, plus builders for request bodies. */
final class SimulatorHttp {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String CHART_SCHEMA = """
            {"type":"object",
             "required":["title","chart_type","labels","datasets"],
             "properties":{
               "title":{"type":"string","minLength":1},
               "chart_type":{"type":"string","enum":["bar","line","pie"]},
               "labels":{"type":"array","minItems":1,"items":{"type":"string"}},
               "datasets":{"type":"array","minItems":1,"items":{
                 "type":"object","required":["label","data"],
                 "properties":{"label":{"type":"string"},"data":{"type":"array","items":{"type":"number"}}}}},
               "x_axis_title":{"type":"string"},
               "y_axis_title":{"type":"string"}}}""";

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String root;

    SimulatorHttp(LlmSimulator simulator) {
        this.root = "http://127.0.0.1:" + simulator.port();
    }

    HttpResponse<String> chat(JsonNode body) {
        return await(chatAsync(body));
    }

    CompletableFuture<HttpResponse<String>> chatAsync(JsonNode body) {
        return client.sendAsync(post("/v1/chat/completions", body.toString())
                .header("Authorization", "Bearer test-key")
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code POST /v1/messages} the way Anthropic's clients send it. */
    HttpResponse<String> messages(JsonNode body) {
        return await(messagesAsync(body));
    }

    CompletableFuture<HttpResponse<String>> messagesAsync(JsonNode body) {
        return client.sendAsync(post("/v1/messages", body.toString())
                .header("x-api-key", "test-key")
                .header("anthropic-version", "2023-06-01")
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> messagesWithKey(String body, String apiKey) {
        HttpRequest.Builder request = post("/v1/messages", body).header("anthropic-version", "2023-06-01");
        if (apiKey != null) {
            request.header("x-api-key", apiKey);
        }
        return await(client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    HttpResponse<String> postRaw(String path, String body, String authorization) {
        HttpRequest.Builder request = post(path, body);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return await(client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    HttpResponse<String> get(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + path)).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return await(client.sendAsync(request.GET().build(), HttpResponse.BodyHandlers.ofString()));
    }

    private HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(root + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static <T> T await(CompletableFuture<T> future) {
        return future.orTimeout(30, TimeUnit.SECONDS).join();
    }

    /** The JSON payloads of an SSE body, with the closing {@code [DONE]} sentinel checked and removed. */
    static List<JsonNode> chunks(String eventStream) {
        List<JsonNode> chunks = new ArrayList<>();
        String[] events = eventStream.split("\n\n");
        for (String event : events) {
            if (!event.startsWith("data: ")) {
                throw new AssertionError("not an SSE data event: " + event);
            }
            String data = event.substring("data: ".length());
            if (!data.equals("[DONE]")) {
                chunks.add(parse(data));
            }
        }
        if (!events[events.length - 1].equals("data: [DONE]")) {
            throw new AssertionError("stream does not end with [DONE]");
        }
        return chunks;
    }

    /** One named server-sent event of an Anthropic stream. */
    record Event(String name, JsonNode data) {
    }

    /** The events of an Anthropic SSE body, each an {@code event:} line and a {@code data:} line. */
    static List<Event> events(String eventStream) {
        List<Event> events = new ArrayList<>();
        for (String event : eventStream.split("\n\n")) {
            String[] lines = event.split("\n");
            if (lines.length != 2 || !lines[0].startsWith("event: ") || !lines[1].startsWith("data: ")) {
                throw new AssertionError("not an event line and a data line: " + event);
            }
            events.add(new Event(lines[0].substring("event: ".length()), parse(lines[1].substring("data: ".length()))));
        }
        return events;
    }

    /** The concatenated deltas of one kind ({@code text}, {@code thinking}, {@code partial_json}) of a stream. */
    static String streamedDeltas(List<Event> events, String field) {
        StringBuilder text = new StringBuilder();
        events.stream()
                .filter(event -> event.name().equals("content_block_delta"))
                .forEach(event -> text.append(event.data().path("delta").path(field).asText("")));
        return text.toString();
    }

    static String streamedContent(List<JsonNode> chunks) {
        StringBuilder content = new StringBuilder();
        for (JsonNode chunk : chunks) {
            content.append(chunk.path("choices").path(0).path("delta").path("content").asText(""));
        }
        return content.toString();
    }

    static String streamedArguments(List<JsonNode> chunks) {
        StringBuilder arguments = new StringBuilder();
        for (JsonNode chunk : chunks) {
            JsonNode toolCall = chunk.path("choices").path(0).path("delta").path("tool_calls").path(0);
            arguments.append(toolCall.path("function").path("arguments").asText(""));
        }
        return arguments.toString();
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An Anthropic Messages request body. */
    static ObjectNode anthropicRequest(boolean stream, JsonNode... messages) {
        ObjectNode body = MAPPER.createObjectNode().put("model", "claude-sim").put("max_tokens", 1024)
                .put("stream", stream);
        ArrayNode array = body.putArray("messages");
        for (JsonNode message : messages) {
            array.add(message);
        }
        return body;
    }

    static ObjectNode withAnthropicTool(ObjectNode request, String name, String inputSchema) {
        ObjectNode tool = MAPPER.createObjectNode().put("name", name).put("description", "Tool " + name);
        tool.set("input_schema", parse(inputSchema));
        ArrayNode tools = request.has("tools") ? (ArrayNode) request.get("tools") : request.putArray("tools");
        tools.add(tool);
        return request;
    }

    static ObjectNode withThinking(ObjectNode request, int budgetTokens) {
        request.putObject("thinking").put("type", "enabled").put("budget_tokens", budgetTokens);
        return request;
    }

    static ObjectNode assistantUsing(String toolUseId, String toolName, String input) {
        ObjectNode block = MAPPER.createObjectNode().put("type", "tool_use").put("id", toolUseId).put("name", toolName);
        block.set("input", parse(input));
        ObjectNode message = MAPPER.createObjectNode().put("role", "assistant");
        message.putArray("content").add(block);
        return message;
    }

    static ObjectNode userToolResult(String toolUseId, String content, boolean isError) {
        ObjectNode block = MAPPER.createObjectNode()
                .put("type", "tool_result")
                .put("tool_use_id", toolUseId)
                .put("content", content);
        if (isError) {
            block.put("is_error", true);
        }
        ObjectNode message = MAPPER.createObjectNode().put("role", "user");
        message.putArray("content").add(block);
        return message;
    }

    static ObjectNode request(boolean stream, JsonNode... messages) {
        ObjectNode body = MAPPER.createObjectNode().put("model", "sim-1").put("stream", stream);
        ArrayNode array = body.putArray("messages");
        for (JsonNode message : messages) {
            array.add(message);
        }
        return body;
    }

    static ObjectNode withTool(ObjectNode request, String name, String parametersSchema) {
        ObjectNode function = MAPPER.createObjectNode().put("name", name);
        function.set("parameters", parse(parametersSchema));
        ObjectNode tool = MAPPER.createObjectNode().put("type", "function");
        tool.set("function", function);
        ArrayNode tools = request.has("tools") ? (ArrayNode) request.get("tools") : request.putArray("tools");
        tools.add(tool);
        return request;
    }

    static ObjectNode user(String text) {
        return MAPPER.createObjectNode().put("role", "user").put("content", text);
    }

    static ObjectNode assistantCalling(String callId, String toolName, String arguments) {
        ObjectNode function = MAPPER.createObjectNode().put("name", toolName).put("arguments", arguments);
        ObjectNode call = MAPPER.createObjectNode().put("id", callId).put("type", "function");
        call.set("function", function);
        ObjectNode message = MAPPER.createObjectNode().put("role", "assistant");
        message.putNull("content");
        message.putArray("tool_calls").add(call);
        return message;
    }

    static ObjectNode toolResult(String callId, String content) {
        return MAPPER.createObjectNode().put("role", "tool").put("tool_call_id", callId).put("content", content);
    }
}
