package dev.agenticchat.agent.llm;

import dev.agenticchat.agent.StoredText;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** Writes {@code llm_requests}: one row per attempt at a model call, with its cost at the current prices. */
@Singleton
public class RequestLog {
    private final LlmRequestRepository requests;
    private final Pricing pricing;

    RequestLog(LlmRequestRepository requests, Pricing pricing) {
        this.requests = requests;
        this.pricing = pricing;
    }

    /** A call that answered; returns what it cost. */
    public BigDecimal succeeded(ModelCall call, String provider, String model, long inputTokens, long outputTokens,
                                long latencyMs) {
        return save(call, provider, model, inputTokens, outputTokens, latencyMs, null);
    }

    public void failed(ModelCall call, String provider, String model, long latencyMs, String error) {
        save(call, provider, model, 0, 0, latencyMs, error);
    }

    /** A call abandoned mid-stream, with the tokens it is estimated to have spent: budgets and usage read them. */
    public void stopped(ModelCall call, String provider, String model, long inputTokens, long outputTokens, long latencyMs,
                        String error) {
        save(call, provider, model, inputTokens, outputTokens, latencyMs, error);
    }

    private BigDecimal save(ModelCall call, String provider, String model, long inputTokens, long outputTokens,
                            long latencyMs, @Nullable String error) {
        BigDecimal cost = pricing.cost(inputTokens, outputTokens);
        requests.save(new LlmRequest(UUID.randomUUID(), call.turnId(), call.purpose(), call.tenantId(), call.userId(),
                call.threadId(), model, call.step(), inputTokens, outputTokens, latencyMs,
                error == null ? LlmRequest.OK : LlmRequest.ERROR, StoredText.of(error), Instant.now(), call.agentId(),
                call.agentVersion(), provider, pricing.inputPerThousand(), pricing.outputPerThousand(), cost));
        return cost;
    }
}
