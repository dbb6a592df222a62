package dev.agenticchat.agent.tool;

import dev.agenticchat.contracts.events.ToolCallCompleted;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The tool calls of earlier turns that later turns must see: the artifacts they created or
 * changed, each as the call and its result, so the model knows which artifact ids exist in
 * the thread (update_artifact needs them). Failed calls and tools whose results only
 * mattered in their own turn (knowledge search) are left out.
 */
@Singleton
public class ToolHistory {
    private final ToolCallRepository calls;
    private final ToolRegistry registry;

    ToolHistory(ToolCallRepository calls, ToolRegistry registry) {
        this.calls = calls;
        this.registry = registry;
    }

    /** For each turn that has any, the call-and-result messages to replay, oldest first. */
    public Map<UUID, List<ChatMessage>> replayOf(List<UUID> turnIds) {
        Map<UUID, List<ChatMessage>> replay = new HashMap<>();
        if (turnIds.isEmpty()) {
            return replay;
        }
        for (ToolCall call : calls.findByTurnIdInAndStatusOrderByCreatedAt(turnIds, ToolCallCompleted.COMPLETED)) {
            if (!registry.isRemembered(call.toolName())) {
                continue;
            }
            List<ChatMessage> messages = replay.computeIfAbsent(call.turnId(), id -> new ArrayList<>());
            messages.add(AiMessage.from(ToolExecutionRequest.builder()
                    .id(call.toolCallId()).name(call.toolName()).arguments(call.input()).build()));
            messages.add(ToolExecutionResultMessage.from(call.toolCallId(), call.toolName(), call.output()));
        }
        return replay;
    }
}
