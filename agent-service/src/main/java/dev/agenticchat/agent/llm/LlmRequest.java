package dev.agenticchat.agent.llm;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** One call to the model, retries included: what it cost, how long it took, how it ended. */
@MappedEntity("llm_requests")
record LlmRequest(@Id UUID id, UUID turnId, String model, int step, long inputTokens, long outputTokens,
                  long latencyMs, String status, @Nullable String error, Instant createdAt, @Nullable UUID agentId,
                  @Nullable Integer agentVersion, @Nullable String provider) {
    static final String OK = "ok";
    static final String ERROR = "error";
}
