package dev.agenticchat.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An Anthropic Messages request, checked the way the real API checks it and translated into the chat-completions
 * body the script reads, so one script drives both APIs: {@code system} becomes a system message, {@code tool_use}
 * blocks become {@code tool_calls}, each {@code tool_result} block a {@code tool} message (keeping
 * {@code is_error}), {@code input_schema} becomes {@code parameters} and a JSON-schema {@code output_config} (or the
 * older {@code output_format}) becomes {@code response_format}.
 */
final class AnthropicRequest {

    /** The smallest thinking budget the real API accepts. */
    static final int MIN_THINKING_BUDGET = 1024;

    private final JsonNode body;

    AnthropicRequest(JsonNode body) {
        this.body = body;
    }

    /** What the real API would reject the request for, if anything, in its words. */
    Optional<String> problem() {
        JsonNode messages = body.path("messages");
        if (!messages.isArray()) {
            return Optional.of("messages: Field required");
        }
        if (messages.isEmpty()) {
            return Optional.of("messages: at least one message is required");
        }
        for (int i = 0; i < messages.size(); i++) {
            String role = messages.get(i).path("role").asText("");
            if (!role.equals("user") && !role.equals("assistant")) {
                return Optional.of("messages." + i + ".role: Input should be 'user' or 'assistant'");
            }
        }
        JsonNode maxTokens = body.path("max_tokens");
        if (maxTokens.isMissingNode() || maxTokens.isNull()) {
            return Optional.of("max_tokens: Field required");
        }
        if (!maxTokens.canConvertToInt() || !maxTokens.isIntegralNumber() || maxTokens.asInt() < 1) {
            return Optional.of("max_tokens: Input should be an integer greater than or equal to 1");
        }
        if (thinkingEnabled()) {
            JsonNode budget = body.path("thinking").path("budget_tokens");
            if (!budget.isIntegralNumber()) {
                return Optional.of("thinking.enabled.budget_tokens: Field required");
            }
            if (budget.asInt() < MIN_THINKING_BUDGET) {
                return Optional.of("thinking.enabled.budget_tokens: Input should be greater than or equal to "
                        + MIN_THINKING_BUDGET);
            }
            if (budget.asInt() >= maxTokens()) {
                return Optional.of("`max_tokens` must be greater than `thinking.budget_tokens`");
            }
        }
        return Optional.empty();
    }

    int maxTokens() {
        return body.path("max_tokens").asInt();
    }

    boolean stream() {
        return body.path("stream").asBoolean(false);
    }

    /** Only a request that enables extended thinking gets thinking blocks back, as from the real API. */
    boolean thinkingEnabled() {
        return "enabled".equals(body.path("thinking").path("type").asText());
    }

    ObjectNode toChatCompletions() {
        ObjectNode chat = Json.object();
        copy("model", "model", chat);
        copy("stream", "stream", chat);
        copy("max_tokens", "max_tokens", chat);
        copy("temperature", "temperature", chat);
        copy("top_p", "top_p", chat);
        copy("stop_sequences", "stop", chat);
        ArrayNode messages = chat.putArray("messages");
        if (body.has("system")) {
            messages.add(Json.object().put("role", "system").put("content", text(body.path("system"))));
        }
        for (JsonNode message : body.path("messages")) {
            if ("assistant".equals(message.path("role").asText())) {
                messages.add(assistant(message.path("content")));
            } else {
                addUser(message.path("content"), messages);
            }
        }
        if (body.path("tools").isArray()) {
            ArrayNode tools = chat.putArray("tools");
            body.path("tools").forEach(tool -> tools.add(function(tool)));
        }
        toolChoice().ifPresent(choice -> chat.set("tool_choice", choice));
        if (body.path("tool_choice").path("disable_parallel_tool_use").asBoolean(false)) {
            chat.put("parallel_tool_calls", false);
        }
        responseFormat().ifPresent(format -> chat.set("response_format", format));
        copy("thinking", "thinking", chat);
        return chat;
    }

    private void copy(String from, String to, ObjectNode target) {
        if (body.has(from)) {
            target.set(to, body.get(from));
        }
    }

    /**
     * A user turn's tool results become tool messages, in order; whatever else it says, one user
     * message: its text, and its images as {@code image_url} parts (a data URL for base64 ones).
     */
    private static void addUser(JsonNode content, ArrayNode messages) {
        if (content.isTextual()) {
            messages.add(Json.object().put("role", "user").put("content", content.asText()));
            return;
        }
        List<String> texts = new ArrayList<>();
        List<String> imageUrls = new ArrayList<>();
        boolean onlyToolResults = content.size() > 0;
        for (JsonNode block : content) {
            String type = block.path("type").asText();
            if (type.equals("image")) {
                onlyToolResults = false;
                JsonNode source = block.path("source");
                imageUrls.add(source.path("type").asText().equals("base64")
                        ? "data:" + source.path("media_type").asText() + ";base64," + source.path("data").asText()
                        : source.path("url").asText());
            } else if (type.equals("tool_result")) {
                ObjectNode result = Json.object()
                        .put("role", "tool")
                        .put("tool_call_id", block.path("tool_use_id").asText(""))
                        .put("content", text(block.path("content")));
                if (block.path("is_error").asBoolean(false)) {
                    result.put("is_error", true);
                }
                messages.add(result);
            } else {
                onlyToolResults = false;
                if (type.equals("text")) {
                    texts.add(block.path("text").asText(""));
                }
            }
        }
        if (onlyToolResults) {
            return;
        }
        if (imageUrls.isEmpty()) {
            messages.add(Json.object().put("role", "user").put("content", String.join("\n", texts)));
            return;
        }
        ObjectNode user = Json.object().put("role", "user");
        ArrayNode parts = user.putArray("content");
        parts.addObject().put("type", "text").put("text", String.join("\n", texts));
        imageUrls.forEach(url -> parts.addObject().put("type", "image_url").putObject("image_url").put("url", url));
        messages.add(user);
    }

    /** Thinking sent back with an assistant turn is kept as its {@code reasoning_content}. */
    private static ObjectNode assistant(JsonNode content) {
        ObjectNode message = Json.object().put("role", "assistant");
        if (content.isTextual()) {
            return message.put("content", content.asText());
        }
        List<String> texts = new ArrayList<>();
        List<String> thinking = new ArrayList<>();
        ArrayNode calls = Json.MAPPER.createArrayNode();
        for (JsonNode block : content) {
            switch (block.path("type").asText()) {
                case "text" -> texts.add(block.path("text").asText(""));
                case "thinking" -> thinking.add(block.path("thinking").asText(""));
                case "tool_use" -> {
                    JsonNode input = block.path("input");
                    ObjectNode function = Json.object()
                            .put("name", block.path("name").asText(""))
                            .put("arguments", input.isObject() ? Json.write(input) : "{}");
                    ObjectNode call = Json.object().put("id", block.path("id").asText("")).put("type", "function");
                    call.set("function", function);
                    calls.add(call);
                }
                default -> {
                    // Redacted thinking, server tool blocks and the like carry nothing the script reads.
                }
            }
        }
        if (texts.isEmpty() && !calls.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", String.join("\n", texts));
        }
        if (!thinking.isEmpty()) {
            message.put("reasoning_content", String.join("\n", thinking));
        }
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
        return message;
    }

    private static ObjectNode function(JsonNode tool) {
        ObjectNode function = Json.object().put("name", tool.path("name").asText(""));
        if (tool.path("description").isTextual()) {
            function.put("description", tool.get("description").asText());
        }
        if (tool.path("input_schema").isObject()) {
            function.set("parameters", tool.get("input_schema"));
        }
        ObjectNode wrapped = Json.object().put("type", "function");
        wrapped.set("function", function);
        return wrapped;
    }

    private Optional<JsonNode> toolChoice() {
        JsonNode choice = body.path("tool_choice");
        return switch (choice.path("type").asText()) {
            case "auto" -> Optional.of(Json.MAPPER.getNodeFactory().textNode("auto"));
            case "any" -> Optional.of(Json.MAPPER.getNodeFactory().textNode("required"));
            case "none" -> Optional.of(Json.MAPPER.getNodeFactory().textNode("none"));
            case "tool" -> {
                ObjectNode named = Json.object().put("type", "function");
                named.set("function", Json.object().put("name", choice.path("name").asText("")));
                yield Optional.of(named);
            }
            default -> Optional.empty();
        };
    }

    private Optional<JsonNode> responseFormat() {
        JsonNode format = body.path("output_config").path("format");
        if (format.isMissingNode()) {
            format = body.path("output_format");
        }
        if (!"json_schema".equals(format.path("type").asText())) {
            return Optional.empty();
        }
        ObjectNode jsonSchema = Json.object().put("name", "output");
        jsonSchema.set("schema", format.path("schema").isObject() ? format.get("schema")
                : Json.object().put("type", "object"));
        ObjectNode responseFormat = Json.object().put("type", "json_schema");
        responseFormat.set("json_schema", jsonSchema);
        return Optional.of(responseFormat);
    }

    /** A string, or the text blocks of an array of content blocks one per line. */
    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode block : content) {
            if ("text".equals(block.path("type").asText())) {
                texts.add(block.path("text").asText(""));
            }
        }
        return String.join("\n", texts);
    }
}
