package dev.agenticchat.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of the request's {@code messages}.
 *
 * @param toolCalls the function calls an assistant message made, in order
 * @param isError   whether a tool result says it failed ({@code is_error} of an Anthropic {@code tool_result})
 */
record Message(String role, String text, String toolCallId, List<ToolCallRef> toolCalls, boolean isError) {

    record ToolCallRef(String id, String name) {
    }

    static Message from(JsonNode node) {
        List<ToolCallRef> calls = new ArrayList<>();
        for (JsonNode call : node.path("tool_calls")) {
            calls.add(new ToolCallRef(call.path("id").asText(""), call.path("function").path("name").asText("")));
        }
        return new Message(node.path("role").asText(""), textOf(node.path("content")),
                node.path("tool_call_id").asText(""), List.copyOf(calls), node.path("is_error").asBoolean(false));
    }

    boolean hasRole(String expected) {
        return role.equals(expected);
    }

    /** Content is either a plain string or an array of typed parts; only the text parts carry words. */
    private static String textOf(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if (part.isTextual()) {
                text.append(part.asText());
            } else if ("text".equals(part.path("type").asText())) {
                text.append(part.path("text").asText(""));
            }
        }
        return text.toString();
    }
}
