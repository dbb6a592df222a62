package dev.agenticchat.agent.llm;

import dev.agenticchat.agent.StoredText;
import dev.agenticchat.agent.audit.AuditService;
import dev.agenticchat.agent.audit.AuditTypes;
import dev.agenticchat.agent.metrics.AgentMetrics;
import dev.agenticchat.support.db.TransientDatabase;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Writes {@code llm_requests}: one row per attempt at a model call, with the prices in force for
 * its provider and model ({@link Pricing}) and what it cost at them; and, when enabled, its
 * redacted request and response ({@link RequestBodies}). A provider's error also goes to the
 * tenant's audit log; a call the turn abandoned (the user stopped it, its time ran out) does not.
 */
@Singleton
public class RequestLog {
    private final LlmRequestRepository requests;
    private final Pricing pricing;
    private final RequestBodies bodies;
    private final AuditService audit;
    private final AgentMetrics metrics;

    RequestLog(LlmRequestRepository requests, Pricing pricing, RequestBodies bodies, AuditService audit,
               AgentMetrics metrics) {
        this.metrics = metrics;
        this.requests = requests;
        this.pricing = pricing;
        this.bodies = bodies;
        this.audit = audit;
    }

    /** A call that answered; returns what it cost. */
    public BigDecimal succeeded(ModelCall call, ModelTarget target, ChatRequest request, AiMessage answer,
                                long inputTokens, long outputTokens, long latencyMs) {
        return save(call, target, request, answer, inputTokens, outputTokens, latencyMs, null);
    }

    /** The provider failed to answer (an error status, a timeout, a broken connection). */
    public void failed(ModelCall call, ModelTarget target, ChatRequest request, long latencyMs, String error) {
        save(call, target, request, null, 0, 0, latencyMs, error);
        String provider = target.provider();
        String model = target.model();
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

    /** A call abandoned mid-stream, with the tokens it is estimated to have spent: budgets and usage read them. */
    public void stopped(ModelCall call, ModelTarget target, ChatRequest request, long inputTokens, long outputTokens,
                        long latencyMs, String error) {
        save(call, target, request, null, inputTokens, outputTokens, latencyMs, error);
    }

    /** The turn gave up waiting for the call: not the provider's fault. */
    public void abandoned(ModelCall call, ModelTarget target, ChatRequest request, long latencyMs, String reason) {
        save(call, target, request, null, 0, 0, latencyMs, reason);
    }

    private BigDecimal save(ModelCall call, ModelTarget target, ChatRequest request, @Nullable AiMessage answer,
                            long inputTokens, long outputTokens, long latencyMs, @Nullable String error) {
        UnitPrices prices = pricing.of(target);
        BigDecimal cost = prices.cost(inputTokens, outputTokens);
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        LlmRequest row = new LlmRequest(id, call.turnId(), call.purpose(), call.tenantId(), call.userId(),
                call.threadId(), target.model(), call.step(), inputTokens, outputTokens, latencyMs,
                error == null ? LlmRequest.OK : LlmRequest.ERROR, StoredText.of(error), now, call.agentId(),
                call.agentVersion(), target.provider(), prices.inputPerThousandTokens(), prices.outputPerThousandTokens(),
                cost, call.window() == null ? null : call.window().budgetTokens(),
                call.window() == null ? null : call.window().countedTokens());
        // A database restart while the model answered must not fail the turn: the row waits for it.
        TransientDatabase.run("saving model call " + id, () -> requests.save(row));
        bodies.keep(id, now, request, answer);
        metrics.modelCall(target.provider(), target.model(), call.purpose(), error == null ? "ok" : "error", latencyMs,
                inputTokens, outputTokens, cost);
        return cost;
    }
}
