package dev.agenticchat.agent.turn;

import dev.agenticchat.agent.tool.ToolHistory;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the model is told at the start of a turn: its agent's persona, the thread so far as
 * this service remembers it (for each of the latest completed turns, oldest first: the
 * question, the artifact tool calls it made with their results, and the final answer), then
 * the user's new message as the turn built it (its text, and the files attached to it). Replaying the artifact calls tells the model which artifacts exist,
 * so "change the chart" can name the artifact to update.
 */
@Singleton
class Conversation {
    private final TurnRepository turns;
    private final TurnSettings settings;
    private final ToolHistory toolHistory;

    Conversation(TurnRepository turns, TurnSettings settings, ToolHistory toolHistory) {
        this.turns = turns;
        this.settings = settings;
        this.toolHistory = toolHistory;
    }

    /** {@code persona}: the system prompt of the turn's agent; {@code current}: the turn's user message. */
    List<ChatMessage> startOf(Turn turn, String persona, UserMessage current) {
        List<Turn> earlier = new ArrayList<>(turns.findEarlierCompleted(turn.threadId(), turn.tenantId(), turn.userId(),
                turn.startedAt(), settings.getContextTurns()));
        Map<UUID, List<ChatMessage>> toolCalls = toolHistory.replayOf(earlier.stream().map(Turn::id).toList());
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(persona));
        for (int i = earlier.size() - 1; i >= 0; i--) {
            Turn previous = earlier.get(i);
            messages.add(UserMessage.from(previous.promptContent()));
            messages.addAll(toolCalls.getOrDefault(previous.id(), List.of()));
            if (previous.assistantContent() != null && !previous.assistantContent().isBlank()) {
                messages.add(AiMessage.from(previous.assistantContent()));
            }
        }
        messages.add(current);
        return messages;
    }
}
