package dev.agenticchat.agent.llm;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One call to the model, each retry and fallback its own: whose it was, which agent version,
 * provider and model made it, its tokens, the prices in force and what it cost, how long it
 * took and how it ended; for a turn's calls also the prompt token budget in force and the prompt's
 * tokens as counted before sending it.
 */
@MappedEntity("llm_requests")
record LlmRequest(@Id UUID id, @Nullable UUID turnId, String purpose, String tenantId, String userId, String threadId,
                  String model, int step, long inputTokens, long outputTokens, long latencyMs, String status,
                  @Nullable String error, Instant createdAt, @Nullable UUID agentId, @Nullable Integer agentVersion,
                  @Nullable String provider, BigDecimal inputPricePerThousandTokens,
                  BigDecimal outputPricePerThousandTokens, BigDecimal cost, @Nullable Integer contextBudgetTokens,
                  @Nullable Integer promptTokensCounted) {
    static final String OK = "ok";
    static final String ERROR = "error";
}
