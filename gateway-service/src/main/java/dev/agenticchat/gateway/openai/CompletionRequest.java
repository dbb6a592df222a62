package dev.agenticchat.gateway.openai;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A {@code POST /v1/chat/completions} body, checked the way OpenAI checks one: each fault is a
 * 400 naming its {@code param}. Sampling settings ({@code temperature}, {@code max_tokens}, ...)
 * are accepted and ignored, since the agent's own settings decide; what cannot be honoured is
 * refused rather than silently ignored: {@code n} above 1, client-side {@code tools} (the agent's
 * tools run on the server), non-text content parts, and a conversation not ending with a user message.
 */
record CompletionRequest(String model, Conversation conversation, boolean stream, boolean includeUsage) {
    private static final Set<String> ROLES = Set.of("system", "developer", Conversation.USER, Conversation.ASSISTANT);
    /** Generous beside chat-service's 32,000 characters per message, which answers for the total. */
    private static final int MAX_MESSAGES = 500;

    static CompletionRequest parse(JsonMapper json, @Nullable String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : json.readValue(body.getBytes(StandardCharsets.UTF_8), JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw OpenAiError.invalid("We could not parse the JSON body of your request. (The body must be a JSON object.)", null);
        }
        if (root == null || !root.isObject()) {
            throw OpenAiError.invalid("We could not parse the JSON body of your request. (The body must be a JSON object.)", null);
        }
        String model = string(root, "model");
        if (model == null || model.isBlank()) {
            throw OpenAiError.invalid("you must provide a model parameter (an agent's slug, see GET /v1/models)", "model");
        }
        JsonNode n = root.get("n");
        if (n != null && !n.isNull() && !(n.isNumber() && n.getIntValue() == 1)) {
            throw OpenAiError.invalid("only n = 1 is supported", "n");
        }
        JsonNode tools = root.get("tools");
        if (tools != null && !tools.isNull() && !(tools.isArray() && tools.size() == 0)) {
            throw OpenAiError.invalid("client-side tools are not supported: the agent's own tools run on the server", "tools");
        }
        JsonNode stream = root.get("stream");
        if (stream != null && !stream.isNull() && !stream.isBoolean()) {
            throw OpenAiError.invalid("stream must be a boolean", "stream");
        }
        JsonNode options = root.get("stream_options");
        boolean includeUsage = options != null && options.isObject() && options.get("include_usage") != null
                && options.get("include_usage").isBoolean() && options.get("include_usage").getBooleanValue();
        return new CompletionRequest(model, conversation(root.get("messages")),
                stream != null && stream.isBoolean() && stream.getBooleanValue(), includeUsage);
    }

    private static Conversation conversation(@Nullable JsonNode messages) {
        if (messages == null || !messages.isArray() || messages.size() == 0) {
            throw OpenAiError.invalid("messages must be a non-empty array", "messages");
        }
        if (messages.size() > MAX_MESSAGES) {
            throw OpenAiError.invalid("at most " + MAX_MESSAGES + " messages", "messages");
        }
        List<Conversation.Message> all = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String param = "messages[" + i + "]";
            if (!message.isObject()) {
                throw OpenAiError.invalid(param + " must be an object", param);
            }
            String role = string(message, "role");
            if (role == null || !ROLES.contains(role)) {
                throw OpenAiError.invalid(param + ".role must be one of system, developer, user, assistant"
                        + " (tool messages answer client-side tools, which are not supported)", param + ".role");
            }
            all.add(new Conversation.Message(role, text(message.get("content"), param + ".content")));
        }
        Conversation.Message last = all.remove(all.size() - 1);
        if (!Conversation.USER.equals(last.role()) || last.text().isBlank()) {
            throw OpenAiError.invalid("the last message must be a user message with some text", "messages[" + all.size() + "]");
        }
        return new Conversation(all, last.text());
    }

    /** A string, or an array of {@code {type: text, text}} parts joined by blank lines; null content is empty. */
    private static String text(@Nullable JsonNode content, String param) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isString()) {
            return content.getStringValue();
        }
        if (!content.isArray()) {
            throw OpenAiError.invalid(param + " must be a string or an array of text parts", param);
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = content.get(i);
            String type = part.isObject() ? string(part, "type") : null;
            String text = part.isObject() ? string(part, "text") : null;
            if (!"text".equals(type) || text == null) {
                throw OpenAiError.invalid("only text content parts are supported", param + "[" + i + "]");
            }
            parts.add(text);
        }
        return String.join("\n\n", parts);
    }

    @Nullable
    private static String string(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value != null && value.isString() ? value.getStringValue() : null;
    }
}
