package dev.agenticchat.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Renders a {@link Completion} in Anthropic's Messages wire format: content blocks (thinking, then text, then
 * tool use) as one message object, or as the server-sent events of a stream.
 */
final class AnthropicJson {

    /**
     * One server-sent event.
     *
     * @param token whether it carries generated tokens, so the stream paces it like a token
     */
    record Event(String name, ObjectNode data, boolean token) {

        byte[] bytes() {
            return ("event: " + name + "\ndata: " + Json.write(data) + "\n\n").getBytes(StandardCharsets.UTF_8);
        }
    }

    private AnthropicJson() {
    }

    static ObjectNode message(Completion completion) {
        ObjectNode message = messageHeader(completion);
        ArrayNode content = message.putArray("content");
        if (completion.hasReasoning()) {
            content.add(Json.object()
                    .put("type", "thinking")
                    .put("thinking", completion.reasoning())
                    .put("signature", signature(completion.reasoning())));
        }
        if (hasTextBlock(completion)) {
            content.add(Json.object().put("type", "text").put("text", completion.content()));
        }
        if (completion.hasToolCall()) {
            content.add(toolUse(completion.toolCall(), input(completion.toolCall())));
        }
        message.put("stop_reason", stopReason(completion));
        message.putNull("stop_sequence");
        message.set("usage", Json.object()
                .put("input_tokens", completion.promptTokens())
                .put("output_tokens", completion.completionTokens()));
        return message;
    }

    /** The events of a streamed message: start, each block's start, deltas and stop, then the stop reason and usage. */
    static List<Event> events(Completion completion) {
        List<Event> events = new ArrayList<>();
        ObjectNode start = messageHeader(completion);
        start.putArray("content");
        start.putNull("stop_reason");
        start.putNull("stop_sequence");
        start.set("usage", Json.object().put("input_tokens", completion.promptTokens()).put("output_tokens", 0));
        ObjectNode messageStart = Json.object().put("type", "message_start");
        messageStart.set("message", start);
        events.add(new Event("message_start", messageStart, false));

        int index = 0;
        if (completion.hasReasoning()) {
            events.add(blockStart(index, Json.object().put("type", "thinking").put("thinking", "")));
            for (String piece : completion.reasoningPieces()) {
                events.add(delta(index, Json.object().put("type", "thinking_delta").put("thinking", piece), true));
            }
            ObjectNode signature = Json.object()
                    .put("type", "signature_delta")
                    .put("signature", signature(completion.reasoning()));
            events.add(delta(index, signature, false));
            events.add(blockStop(index++));
        }
        if (hasTextBlock(completion)) {
            events.add(blockStart(index, Json.object().put("type", "text").put("text", "")));
            for (String piece : completion.contentPieces()) {
                events.add(delta(index, Json.object().put("type", "text_delta").put("text", piece), true));
            }
            events.add(blockStop(index++));
        }
        if (completion.hasToolCall()) {
            Completion.ToolCallPlan call = completion.toolCall();
            events.add(blockStart(index, toolUse(call, Json.object())));
            for (String piece : call.argumentPieces()) {
                ObjectNode json = Json.object().put("type", "input_json_delta").put("partial_json", piece);
                events.add(delta(index, json, true));
            }
            events.add(blockStop(index));
        }
        // The real API pings right after the first block opens; clients must tolerate it anywhere.
        events.add(2, new Event("ping", Json.object().put("type", "ping"), false));

        ObjectNode messageDelta = Json.object().put("type", "message_delta");
        ObjectNode delta = messageDelta.putObject("delta").put("stop_reason", stopReason(completion));
        delta.putNull("stop_sequence");
        messageDelta.set("usage", Json.object().put("output_tokens", completion.completionTokens()));
        events.add(new Event("message_delta", messageDelta, false));
        events.add(new Event("message_stop", Json.object().put("type", "message_stop"), false));
        return events;
    }

    static String stopReason(Completion completion) {
        if (completion.truncated()) {
            return "max_tokens";
        }
        return completion.hasToolCall() ? "tool_use" : "end_turn";
    }

    /**
     * Stands in for the real API's opaque signature: derived from the thinking, so it is stable for the same
     * thinking and a client that sends thinking back unchanged sends the signature that goes with it.
     */
    static String signature(String thinking) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("llm-simulator:" + thinking).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** A tool-calling message has a text block only when it says something first; a text answer always has one. */
    private static boolean hasTextBlock(Completion completion) {
        return !completion.contentPieces().isEmpty() || !completion.hasToolCall();
    }

    private static ObjectNode messageHeader(Completion completion) {
        return Json.object()
                .put("id", completion.id())
                .put("type", "message")
                .put("role", "assistant")
                .put("model", completion.model());
    }

    private static ObjectNode toolUse(Completion.ToolCallPlan call, JsonNode input) {
        ObjectNode block = Json.object().put("type", "tool_use").put("id", call.id()).put("name", call.name());
        block.set("input", input);
        return block;
    }

    private static JsonNode input(Completion.ToolCallPlan call) {
        return Json.tryParse(call.arguments()).filter(JsonNode::isObject).orElseGet(Json::object);
    }

    private static Event blockStart(int index, ObjectNode block) {
        ObjectNode data = Json.object().put("type", "content_block_start").put("index", index);
        data.set("content_block", block);
        return new Event("content_block_start", data, false);
    }

    private static Event delta(int index, ObjectNode delta, boolean token) {
        ObjectNode data = Json.object().put("type", "content_block_delta").put("index", index);
        data.set("delta", delta);
        return new Event("content_block_delta", data, token);
    }

    private static Event blockStop(int index) {
        return new Event("content_block_stop", Json.object().put("type", "content_block_stop").put("index", index),
                false);
    }
}
