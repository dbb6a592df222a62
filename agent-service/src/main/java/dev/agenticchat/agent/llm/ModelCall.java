package dev.agenticchat.agent.llm;

import io.micronaut.core.annotation.Nullable;
import java.util.UUID;

/**
 * What a model call is made for, as the request log keeps it: whose conversation (tenant, user,
 * thread), the turn and its step (none for a summary), the agent version asking and, for a turn's
 * calls, the prompt's token budget and its counted tokens.
 */
public record ModelCall(String purpose, String tenantId, String userId, String threadId, @Nullable UUID turnId, int step,
                        @Nullable UUID agentId, @Nullable String agentSlug, @Nullable Integer agentVersion,
                        @Nullable PromptWindow window) {
    public static final String TURN = "turn";
    public static final String SUMMARY = "summary";
    /** The running summary of a thread's older part, extended before a turn's first call. */
    public static final String CONTEXT = "context";

    /** The prompt token budget in force and the tokens agent-service counted in the prompt sent. */
    public record PromptWindow(int budgetTokens, int countedTokens) {
    }

    public static ModelCall turnStep(String tenantId, String userId, String threadId, UUID turnId, int step, UUID agentId,
                                     String agentSlug, int agentVersion, @Nullable PromptWindow window) {
        return new ModelCall(TURN, tenantId, userId, threadId, turnId, step, agentId, agentSlug, agentVersion, window);
    }

    /** The {@code step}th model call of a thread's summary (and its lead profile); no turn, no agent. */
    public static ModelCall summaryStep(String tenantId, String userId, String threadId, int step) {
        return new ModelCall(SUMMARY, tenantId, userId, threadId, null, step, null, null, null, null);
    }

    /** The extension of a thread's running summary before the turn's first call (step 1), on its agent's behalf. */
    public static ModelCall contextSummary(String tenantId, String userId, String threadId, UUID turnId, UUID agentId,
                                           String agentSlug, int agentVersion) {
        return new ModelCall(CONTEXT, tenantId, userId, threadId, turnId, 1, agentId, agentSlug, agentVersion, null);
    }
}
