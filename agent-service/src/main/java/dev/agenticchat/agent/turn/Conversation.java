package dev.agenticchat.agent.turn;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * What the model is told at the start of a turn: the system prompt, the thread so far as
 * this service remembers it (the question and final answer of the latest completed turns,
 * oldest first), then the user's new message.
 */
@Singleton
class Conversation {
    private final TurnRepository turns;
    private final TurnSettings settings;

    Conversation(TurnRepository turns, TurnSettings settings) {
        this.turns = turns;
        this.settings = settings;
    }

    List<ChatMessage> startOf(Turn turn) {
        List<Turn> earlier = new ArrayList<>(turns.findEarlierCompleted(turn.threadId(), turn.tenantId(), turn.userId(),
                turn.startedAt(), settings.getContextTurns()));
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(settings.getSystemPrompt()));
        for (int i = earlier.size() - 1; i >= 0; i--) {
            Turn previous = earlier.get(i);
            messages.add(UserMessage.from(previous.userContent()));
            if (previous.assistantContent() != null && !previous.assistantContent().isBlank()) {
                messages.add(AiMessage.from(previous.assistantContent()));
            }
        }
        messages.add(UserMessage.from(turn.userContent()));
        return messages;
    }
}
