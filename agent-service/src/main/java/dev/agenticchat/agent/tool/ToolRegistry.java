package dev.agenticchat.agent.tool;

import dev.agenticchat.agent.metrics.AgentMetrics;
import dev.agenticchat.agent.tool.artifact.CreateArtifactTools;
import jakarta.inject.Singleton;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tools the service has, and the set a turn offers the model ({@link #forTurn}): the artifact
 * creation tools first, in the contracts' order, then the other tools by name, so the model sees the
 * same list in every turn that offers them; then what the {@link ToolSource}s find for the turn (the
 * MCP servers' tools of its agent), each source's in its own order. Every call is recorded in
 * {@code tool_calls}; a tool the turn does not offer is refused like an unknown one.
 */
@Singleton
public class ToolRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(ToolRegistry.class);

    private final Map<String, AgentTool> tools = new LinkedHashMap<>();
    private final List<ToolSource> sources;
    private final ToolCallRepository calls;
    private final AgentMetrics metrics;

    ToolRegistry(CreateArtifactTools creates, List<AgentTool> others, List<ToolSource> sources, ToolCallRepository calls,
                 AgentMetrics metrics) {
        this.metrics = metrics;
        this.calls = calls;
        this.sources = sources;
        creates.tools().forEach(tool -> tools.put(tool.name(), tool));
        others.stream().sorted(Comparator.comparing(AgentTool::name)).forEach(tool -> tools.put(tool.name(), tool));
    }

    /** What the turn offers; asks the sources now, so call it once per turn. */
    public TurnTools forTurn(ToolContext context) throws InterruptedException {
        Map<String, AgentTool> offered = new LinkedHashMap<>();
        tools.values().stream().filter(tool -> isOffered(tool, context)).forEach(tool -> offered.put(tool.name(), tool));
        for (ToolSource source : sources) {
            for (AgentTool tool : source.toolsFor(context)) {
                if (tools.containsKey(tool.name()) || offered.putIfAbsent(tool.name(), tool) != null) {
                    LOG.warn("turn {}: a second tool is named {}; only the first is offered", context.turnId(), tool.name());
                }
            }
        }
        return new TurnTools(offered, context, calls, metrics);
    }

    /** Every one of the service's own tools' names, in the order the model sees them: what an agent may enable. */
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
}
