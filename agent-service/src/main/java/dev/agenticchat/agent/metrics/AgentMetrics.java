package dev.agenticchat.agent.metrics;

import dev.agenticchat.support.metrics.BoundedLabel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Context;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What turns, model calls and tool calls take and spend. Agents, models and tools are named by
 * tenants and MCP servers, so each label keeps its first few hundred values and calls the rest
 * {@code other} ({@link BoundedLabel}); no tenant, user, thread or turn is ever a label. Durations
 * are histograms with fixed buckets, so p50/p95/p99 come from {@code histogram_quantile}.
 */
@Context
public class AgentMetrics {
    private static final Duration[] TURN_BUCKETS = seconds(0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600);
    private static final Duration[] FIRST_DELTA_BUCKETS = seconds(0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 20, 30, 60);
    private static final Duration[] MODEL_BUCKETS = seconds(0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120);
    private static final Duration[] TOOL_BUCKETS = seconds(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30);

    private final MeterRegistry registry;
    private final BoundedLabel agents = new BoundedLabel(200);
    private final BoundedLabel providers = new BoundedLabel(20);
    private final BoundedLabel models = new BoundedLabel(100);
    private final BoundedLabel tools = new BoundedLabel(200);

    AgentMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * A turn ended: {@code outcome} is {@code completed} or TurnFailed's code. {@code firstTextAt}
     * is the {@link System#nanoTime()} of its first streamed text, 0 if it streamed none.
     */
    public void turnEnded(String agent, String outcome, long startedAt, long firstTextAt) {
        String agentLabel = agents.of(agent);
        Timer.builder("agentic.turn.duration")
                .description("A turn from its start to its end event, by agent and outcome")
                .tag("agent", agentLabel)
                .tag("outcome", outcome)
                .serviceLevelObjectives(TURN_BUCKETS)
                .register(registry)
                .record(System.nanoTime() - startedAt, TimeUnit.NANOSECONDS);
        if (firstTextAt != 0) {
            Timer.builder("agentic.turn.first.delta")
                    .description("A turn's start to its first streamed text, by agent and outcome")
                    .tag("agent", agentLabel)
                    .tag("outcome", outcome)
                    .serviceLevelObjectives(FIRST_DELTA_BUCKETS)
                    .register(registry)
                    .record(firstTextAt - startedAt, TimeUnit.NANOSECONDS);
        }
    }

    /** One attempt at a model call ({@code purpose}: turn or summary; {@code outcome}: ok or error). */
    public void modelCall(String provider, String model, String purpose, String outcome, long latencyMs,
                          long inputTokens, long outputTokens, BigDecimal cost) {
        String providerLabel = providers.of(provider);
        String modelLabel = models.of(model);
        Timer.builder("agentic.model.call.duration")
                .description("Model call latency, from the request to the last streamed token or the error")
                .tag("provider", providerLabel)
                .tag("model", modelLabel)
                .tag("purpose", purpose)
                .tag("outcome", outcome)
                .serviceLevelObjectives(MODEL_BUCKETS)
                .register(registry)
                .record(latencyMs, TimeUnit.MILLISECONDS);
        tokens(providerLabel, modelLabel, "input").increment(inputTokens);
        tokens(providerLabel, modelLabel, "output").increment(outputTokens);
        Counter.builder("agentic.model.cost")
                .description("What model calls cost at the prices in force (USD)")
                .baseUnit("dollars")
                .tag("provider", providerLabel)
                .tag("model", modelLabel)
                .register(registry)
                .increment(cost == null ? 0 : cost.doubleValue());
    }

    /** One tool call: {@code tool} is null for a name the turn does not offer; {@code outcome} its status. */
    public void toolCall(String tool, String outcome, long latencyMs) {
        String toolLabel = tool == null ? "unknown" : tools.of(tool);
        Counter.builder("agentic.tool.calls")
                .description("Tool calls by tool and outcome")
                .tag("tool", toolLabel)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
        Timer.builder("agentic.tool.call.duration")
                .description("Tool call latency by tool and outcome")
                .tag("tool", toolLabel)
                .tag("outcome", outcome)
                .serviceLevelObjectives(TOOL_BUCKETS)
                .register(registry)
                .record(latencyMs, TimeUnit.MILLISECONDS);
    }

    private Counter tokens(String provider, String model, String direction) {
        return Counter.builder("agentic.model.tokens")
                .description("Tokens of model calls, input (prompt) and output (completion)")
                .baseUnit("tokens")
                .tag("provider", provider)
                .tag("model", model)
                .tag("direction", direction)
                .register(registry);
    }

    private static Duration[] seconds(double... values) {
        Duration[] buckets = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            buckets[i] = Duration.ofNanos((long) (values[i] * 1_000_000_000L));
        }
        return buckets;
    }
}
