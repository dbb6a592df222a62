package dev.agenticchat.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Read-only view of a chat-completions request body, exposing what the script decides on. */
final class ChatRequest {

    static final String DEFAULT_MODEL = "sim-1";

    private final JsonNode body;
    private final List<Message> messages;

    ChatRequest(JsonNode body) {
        this.body = body;
        List<Message> parsed = new ArrayList<>();
        for (JsonNode message : body.path("messages")) {
            parsed.add(Message.from(message));
        }
        this.messages = List.copyOf(parsed);
    }

    String model() {
        String model = body.path("model").asText("");
        return model.isBlank() ? DEFAULT_MODEL : model;
    }

    boolean stream() {
        return body.path("stream").asBoolean(false);
    }

    /** The JSON Schema the answer must satisfy, when {@code response_format} is {@code json_schema}. */
    Optional<JsonNode> responseSchema() {
        JsonNode format = body.path("response_format");
        if (!"json_schema".equals(format.path("type").asText())) {
            return Optional.empty();
        }
        JsonNode schema = format.path("json_schema").path("schema");
        return Optional.of(schema.isObject() ? schema : Json.object().put("type", "object"));
    }

    /** The system messages' text, joined. */
    String systemText() {
        StringBuilder text = new StringBuilder();
        messages.stream().filter(m -> m.hasRole("system")).forEach(m -> text.append(m.text()).append('\n'));
        return text.toString();
    }

    /** Every user message's text, oldest first, one per line. */
    List<String> userTexts() {
        return messages.stream().filter(m -> m.hasRole("user")).map(Message::text).toList();
    }

    /** The messages of the conversation itself: user and assistant, not the instructions. */
    long conversationMessageCount() {
        return messages.stream().filter(m -> m.hasRole("user") || m.hasRole("assistant")).count();
    }

    Optional<Message> lastMessage() {
        return messages.isEmpty() ? Optional.empty() : Optional.of(messages.get(messages.size() - 1));
    }

    String lastUserText() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).hasRole("user")) {
                return messages.get(i).text();
            }
        }
        return "";
    }

    /** The artifact the latest tool result in the conversation describes (an object with id and type), if any. */
    Optional<JsonNode> latestArtifact() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            Message message = messages.get(i);
            if (message.hasRole("tool")) {
                Optional<JsonNode> artifact = Json.tryParse(message.text())
                        .filter(json -> json.isObject() && json.path("id").isTextual() && json.path("type").isTextual());
                if (artifact.isPresent()) {
                    return artifact;
                }
            }
        }
        return Optional.empty();
    }

    boolean offersTool(String name) {
        return toolSchema(name).isPresent();
    }

    /** The JSON Schema of an offered function; a function declared without parameters gets an empty object schema. */
    Optional<JsonNode> toolSchema(String name) {
        for (JsonNode tool : body.path("tools")) {
            JsonNode function = tool.path("function");
            if (name.equals(function.path("name").asText())) {
                JsonNode parameters = function.path("parameters");
                return Optional.of(parameters.isObject() ? parameters : Json.object().put("type", "object"));
            }
        }
        return Optional.empty();
    }

    /** Usage is an estimate with the usual rule of thumb of four characters per token. */
    int promptTokens() {
        int characters = messages.stream().mapToInt(m -> m.text().length()).sum();
        return Math.max(1, characters / 4);
    }

    long assistantToolCallsTo(String toolName) {
        return messages.stream()
                .filter(m -> m.hasRole("assistant"))
                .flatMap(m -> m.toolCalls().stream())
                .filter(call -> call.name().equals(toolName))
                .count();
    }

    /** Finds which function a tool result answers, falling back to the latest call when ids do not match. */
    Optional<String> toolNameAnsweredBy(Message toolResult) {
        Optional<String> latest = Optional.empty();
        for (Message message : messages) {
            for (Message.ToolCallRef call : message.toolCalls()) {
                if (!toolResult.toolCallId().isEmpty() && call.id().equals(toolResult.toolCallId())) {
                    return Optional.of(call.name());
                }
                latest = Optional.of(call.name());
            }
        }
        return latest;
    }
}
