package dev.agenticchat.agent.context;

import java.time.Instant;
import java.util.UUID;

/**
 * A thread's running summary: its text and tokens, the newest turn it covers (every earlier one is
 * covered too, or was left unread when the thread was longer than one extension reads) and how many
 * turns it has read.
 */
public record RunningSummary(String threadId, String tenantId, String userId, String summary, int summaryTokens,
                             Instant coveredStartedAt, UUID coveredTurnId, int coveredTurns, String model,
                             Instant updatedAt) {
}
