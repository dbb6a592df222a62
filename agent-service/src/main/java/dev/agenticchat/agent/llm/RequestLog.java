package dev.agenticchat.agent.llm;

import dev.agenticchat.agent.StoredText;
import dev.agenticchat.agent.audit.AuditService;
import dev.agenticchat.agent.audit.AuditTypes;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Writes {@code llm_requests}: one row per attempt at a model call, with its cost at the current
 * prices. A provider's error also goes to the tenant's audit log; a call the turn abandoned
 * (the user stopped it, its time ran out) does not.
 */
@Singleton
public class RequestLog {
    private final LlmRequestRepository requests;
    private final Pricing pricing;
    private final AuditService audit;

    RequestLog(LlmRequestRepository requests, Pricing pricing, AuditService audit) {
        this.requests = requests;
        this.pricing = pricing;
        this.audit = audit;
    }

    /** A call that answered; returns what it cost. */
    public BigDecimal succeeded(ModelCall call, String provider, String model, long inputTokens, long outputTokens,
                                long latencyMs) {
        return save(call, provider, model, inputTokens, outputTokens, latencyMs, null);
    }

    /** The provider failed to answer (an error status, a timeout, a broken connection). */
    public void failed(ModelCall call, String provider, String model, long latencyMs, String error) {
        save(call, provider, model, 0, 0, latencyMs, error);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("provider", provider);
        details.put("model", model);
        details.put("error", StoredText.of(error));
        details.put("purpose", call.purpose());
        details.put("thread_id", call.threadId());
        if (call.turnId() != null) {
            details.put("turn_id", call.turnId().toString());
            details.put("step", call.step());
        }
        audit.record(call.tenantId(), AuditTypes.PROVIDER_ERROR, call.agentId(), call.agentSlug(), null,
                provider + "/" + model + " failed: " + StoredText.of(error), details);
    }

    /** The turn gave up waiting for the call: not the provider's fault. */
    public void abandoned(ModelCall call, String provider, String model, long latencyMs, String reason) {
        save(call, provider, model, 0, 0, latencyMs, reason);
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
