package dev.agenticchat.gateway.chatkit;

import dev.agenticchat.gateway.auth.AccessTokenVerifier;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Map;

/**
 * One ChatKit request: who sent it (the token's identity only; the token goes on to chat-service,
 * which decides what is theirs), its {@code params}, and how artifacts are drawn for it.
 */
record Call(String token, AccessTokenVerifier.Verified identity, Map<String, Object> params, ArtifactWidgets widgets) {

    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /**
     * A required id param ({@code thread_id}, {@code item_id}, …): a suite id, else nothing of the
     * caller's has it (404), and it never reaches a URL path unchecked.
     */
    String id(String name, String what) {
        String value = text(name);
        if (!ID.matcher(value).matches()) {
            throw Refusal.notFound(what);
        }
        return value;
    }

    /** A required string param; a missing or non-string one refuses the request (400). */
    String text(String name) {
        if (params.get(name) instanceof String value && !value.isBlank()) {
            return value;
        }
        throw Refusal.badRequest("params." + name + " is required (a string)");
    }

    @Nullable
    String optionalText(String name) {
        Object value = params.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            return text;
        }
        throw Refusal.badRequest("params." + name + " must be a string");
    }

    /** {@code limit}: null or 0 is ChatKit's default page size (20). */
    int limit() {
        Object value = params.get("limit");
        if (value == null || (value instanceof Number zero && zero.intValue() == 0)) {
            return 20;
        }
        if (value instanceof Number number && number.intValue() > 0) {
            return Math.min(number.intValue(), 200);
        }
        throw Refusal.badRequest("params.limit must be a positive integer");
    }

    /** {@code order}: {@code asc} or {@code desc} (ChatKit's default). */
    boolean ascending() {
        Object value = params.getOrDefault("order", "desc");
        if ("asc".equals(value) || "desc".equals(value)) {
            return "asc".equals(value);
        }
        throw Refusal.badRequest("params.order must be \"asc\" or \"desc\"");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(String name) {
        if (params.get(name) instanceof Map<?, ?> value) {
            return (Map<String, Object>) value;
        }
        throw Refusal.badRequest("params." + name + " is required (an object)");
    }

    /** A user message input's text (its {@code input_text} parts, then {@code quoted_text}) and attachment ids. */
    static Input input(Map<String, Object> input) {
        if (!(input.get("content") instanceof List<?> content)) {
            throw Refusal.badRequest("params.input.content is required (a list)");
        }
        StringBuilder text = new StringBuilder();
        for (Object part : content) {
            if (part instanceof Map<?, ?> map && map.get("text") instanceof String value) {
                text.append(text.isEmpty() ? "" : "\n").append(value);
            }
        }
        if (input.get("quoted_text") instanceof String quoted && !quoted.isBlank()) {
            text.insert(0, "> " + quoted.replace("\n", "\n> ") + "\n\n");
        }
        List<String> attachments = input.get("attachments") instanceof List<?> ids
                ? ids.stream().map(String::valueOf).toList() : List.of();
        if (text.toString().isBlank()) {
            throw Refusal.badRequest("params.input has no text");
        }
        return new Input(text.toString(), attachments);
    }

    record Input(String text, List<String> attachmentIds) {
    }
}
