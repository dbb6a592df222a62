package dev.agenticchat.agent.context;

import dev.langchain4j.data.message.ChatMessage;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An earlier completed turn as a candidate for the window: the messages it replays (question, tool
 * calls with their results, answer), their tokens, and its question and answer for the summary.
 */
public record WindowTurn(UUID id, Instant startedAt, String question, @Nullable String answer, List<ChatMessage> messages,
                         int tokens) {

    /**
     * Whether the summary already covers this turn. Turns are ordered by start, then id; ids compare
     * as their text, which orders them as Postgres orders UUIDs.
     */
    public boolean isCoveredBy(@Nullable RunningSummary summary) {
        if (summary == null) {
            return false;
        }
        int byStart = startedAt.compareTo(summary.coveredStartedAt());
        return byStart < 0 || byStart == 0 && id.toString().compareTo(summary.coveredTurnId().toString()) <= 0;
    }
}
