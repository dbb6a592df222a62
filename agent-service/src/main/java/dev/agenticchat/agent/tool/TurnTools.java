package dev.agenticchat.agent.tool;

import dev.agenticchat.agent.StoredText;
import dev.agenticchat.agent.metrics.AgentMetrics;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The tools one turn offers the model, fixed when the turn starts, and their execution: every call
 * is recorded in {@code tool_calls}, and a tool the turn does not offer is refused like an unknown one.
 */
public final class TurnTools {
    private final Map<String, AgentTool> offered;
    private final ToolContext context;
    private final ToolCallRepository calls;
    private final AgentMetrics metrics;

    TurnTools(Map<String, AgentTool> offered, ToolContext context, ToolCallRepository calls, AgentMetrics metrics) {
        this.metrics = metrics;
        this.offered = offered;
        this.context = context;
        this.calls = calls;
    }

    /** In the order the model sees them. */
    public List<ToolSpecification> specifications() {
        return offered.values().stream().map(AgentTool::specification).toList();
    }

    /**
     * Runs the {@code index}th call the model asked for in its answer at {@code step}. Throws
     * InterruptedException, recording nothing, when the worker is interrupted meanwhile.
     */
    public ToolOutcome execute(ToolExecutionRequest call, String toolCallId, int step, int index) throws InterruptedException {
        long started = System.nanoTime();
        AgentTool tool = call.name() == null ? null : offered.get(call.name());
        ToolOutcome outcome = tool != null
                ? tool.execute(call.arguments(), context.forCall(step, index))
                : ToolOutcome.failed("Error: there is no tool named " + call.name() + ".");
        long latencyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        calls.save(new ToolCall(UUID.randomUUID(), context.turnId(), toolCallId, String.valueOf(call.name()),
                StoredText.of(call.arguments() == null ? "" : call.arguments()), StoredText.of(outcome.output()),
                outcome.status(), latencyMs, Instant.now()));
        metrics.toolCall(tool == null ? null : call.name(), outcome.status(), latencyMs);
        return outcome;
    }
}
