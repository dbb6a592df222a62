package dev.agenticchat.agent.tool;

import dev.agenticchat.agent.StoredText;
import dev.agenticchat.agent.tool.artifact.CreateArtifactTools;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The tools offered to the model in a turn, and their execution; every call is recorded in
 * {@code tool_calls}. The artifact creation tools come first, in the contracts' order, then
 * the other tools by name, so the model sees the same list in every turn that offers them.
 * A tool the turn does not offer is refused like an unknown one.
 */
@Singleton
public class ToolRegistry {
    private final Map<String, AgentTool> tools = new LinkedHashMap<>();
    private final ToolCallRepository calls;

    ToolRegistry(CreateArtifactTools creates, List<AgentTool> others, ToolCallRepository calls) {
        this.calls = calls;
        creates.tools().forEach(tool -> tools.put(tool.name(), tool));
        others.stream().sorted(Comparator.comparing(AgentTool::name)).forEach(tool -> tools.put(tool.name(), tool));
    }

    public List<ToolSpecification> specifications(ToolContext context) {
        List<ToolSpecification> offered = new ArrayList<>();
        tools.values().stream().filter(tool -> isOffered(tool, context)).forEach(tool -> offered.add(tool.specification()));
        return offered;
    }

    /** Every tool's name, in the order the model sees them: what an agent may enable. */
    public Set<String> names() {
        return Collections.unmodifiableSet(tools.keySet());
    }

    private static boolean isOffered(AgentTool tool, ToolContext context) {
        return context.enables(tool.name()) && tool.offeredIn(context);
    }

    /** Whether later turns of the thread see this tool's completed calls (see {@link ToolHistory}). */
    boolean isRemembered(String toolName) {
        AgentTool tool = tools.get(toolName);
        return tool != null && tool.remembered();
    }

    /** Throws InterruptedException, recording nothing, when the worker is interrupted meanwhile. */
    public ToolOutcome execute(ToolExecutionRequest call, String toolCallId, ToolContext context) throws InterruptedException {
        long started = System.nanoTime();
        AgentTool tool = call.name() == null ? null : tools.get(call.name());
        ToolOutcome outcome = tool != null && isOffered(tool, context)
                ? tool.execute(call.arguments(), context)
                : ToolOutcome.failed("Error: there is no tool named " + call.name() + ".");
        long latencyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        calls.save(new ToolCall(UUID.randomUUID(), context.turnId(), toolCallId, String.valueOf(call.name()),
                StoredText.of(call.arguments() == null ? "" : call.arguments()), StoredText.of(outcome.output()),
                outcome.status(), latencyMs, Instant.now()));
        return outcome;
    }
}
