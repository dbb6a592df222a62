package dev.agenticchat.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link Completion} in OpenAI's wire format, both as stream chunks and as one response object. Reasoning
 * goes in the field OpenAI-compatible reasoning servers use ({@code reasoning_content} or {@code reasoning}), since
 * OpenAI itself does not return it.
 */
final class CompletionJson {

    private CompletionJson() {
    }

    /** The deltas of the streamed message in order, reasoning first; the first one also announces the role. */
    static List<ObjectNode> deltas(Completion completion, String reasoningField) {
        List<ObjectNode> deltas = new ArrayList<>();
        completion.reasoningPieces().forEach(piece -> deltas.add(Json.object().put(reasoningField, piece)));
        completion.contentPieces().forEach(piece -> deltas.add(Json.object().put("content", piece)));
        if (completion.hasToolCall()) {
            Completion.ToolCallPlan call = completion.toolCall();
            ObjectNode function = Json.object().put("name", call.name()).put("arguments", "");
            ObjectNode start = Json.object().put("index", 0).put("id", call.id()).put("type", "function");
            start.set("function", function);
            deltas.add(toolCallsDelta(start));
            for (String piece : call.argumentPieces()) {
                ObjectNode fragment = Json.object().put("index", 0);
                fragment.set("function", Json.object().put("arguments", piece));
                deltas.add(toolCallsDelta(fragment));
            }
        }
        if (deltas.isEmpty()) {
            deltas.add(Json.object().put("content", ""));
        }
        ObjectNode first = Json.object().put("role", "assistant");
        first.setAll(deltas.get(0));
        deltas.set(0, first);
        return deltas;
    }

    static ObjectNode chunk(Completion completion, ObjectNode delta, String finishReason) {
        ObjectNode choice = Json.object().put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        ObjectNode chunk = header(completion, "chat.completion.chunk");
        chunk.putArray("choices").add(choice);
        return chunk;
    }

    static ObjectNode finalChunk(Completion completion) {
        return chunk(completion, Json.object(), completion.finishReason());
    }

    static ObjectNode usageChunk(Completion completion) {
        ObjectNode chunk = header(completion, "chat.completion.chunk");
        chunk.putArray("choices");
        chunk.set("usage", usage(completion));
        return chunk;
    }

    static ObjectNode response(Completion completion, String reasoningField) {
        ObjectNode message = Json.object().put("role", "assistant");
        if (completion.contentPieces().isEmpty() && completion.hasToolCall()) {
            message.putNull("content");
        } else {
            message.put("content", completion.content());
        }
        if (completion.hasReasoning()) {
            message.put(reasoningField, completion.reasoning());
        }
        if (completion.hasToolCall()) {
            Completion.ToolCallPlan call = completion.toolCall();
            ObjectNode toolCall = Json.object().put("id", call.id()).put("type", "function");
            toolCall.set("function", Json.object().put("name", call.name()).put("arguments", call.arguments()));
            message.putArray("tool_calls").add(toolCall);
        }
        ObjectNode choice = Json.object().put("index", 0);
        choice.set("message", message);
        choice.put("finish_reason", completion.finishReason());
        ObjectNode response = header(completion, "chat.completion");
        response.putArray("choices").add(choice);
        response.set("usage", usage(completion));
        return response;
    }

    private static ObjectNode toolCallsDelta(ObjectNode toolCall) {
        ObjectNode delta = Json.object();
        ArrayNode toolCalls = delta.putArray("tool_calls");
        toolCalls.add(toolCall);
        return delta;
    }

    private static ObjectNode header(Completion completion, String object) {
        return Json.object()
                .put("id", completion.id())
                .put("object", object)
                .put("created", completion.created())
                .put("model", completion.model());
    }

    private static ObjectNode usage(Completion completion) {
        ObjectNode usage = Json.object()
                .put("prompt_tokens", completion.promptTokens())
                .put("completion_tokens", completion.completionTokens())
                .put("total_tokens", completion.promptTokens() + completion.completionTokens());
        if (completion.hasReasoning()) {
            usage.set("completion_tokens_details", Json.object().put("reasoning_tokens", completion.reasoningTokens()));
        }
        return usage;
    }
}
