package dev.agenticchat.agent.llm;

import io.micronaut.core.annotation.Nullable;
import java.util.UUID;

/**
 * What a model call is made for, as the request log keeps it: whose conversation (tenant, user,
 * thread), the turn and its step (none for a summary), and the agent version asking.
 */
public record ModelCall(String purpose, String tenantId, String userId, String threadId, @Nullable UUID turnId, int step,
                        @Nullable UUID agentId, @Nullable String agentSlug, @Nullable Integer agentVersion) {
    public static final String TURN = "turn";
    public static final String SUMMARY = "summary";

    public static ModelCall turnStep(String tenantId, String userId, String threadId, UUID turnId, int step, UUID agentId,
                                     String agentSlug, int agentVersion) {
        return new ModelCall(TURN, tenantId, userId, threadId, turnId, step, agentId, agentSlug, agentVersion);
    }

    /** The {@code step}th model call of a thread's summary (and its lead profile); no turn, no agent. */
    public static ModelCall summaryStep(String tenantId, String userId, String threadId, int step) {
        return new ModelCall(SUMMARY, tenantId, userId, threadId, null, step, null, null, null);
    }
}
