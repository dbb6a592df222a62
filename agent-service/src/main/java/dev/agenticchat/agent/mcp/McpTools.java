package dev.agenticchat.agent.mcp;

import dev.agenticchat.agent.Interruptions;
import dev.agenticchat.agent.llm.Deadline;
import dev.agenticchat.agent.tool.AgentTool;
import dev.agenticchat.agent.tool.ToolContext;
import dev.agenticchat.agent.tool.ToolSource;
import dev.langchain4j.agent.tool.ToolSpecification;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tools of the MCP servers a turn's agent lists: each enabled server's tools, offered under
 * {@link McpToolNames}. A server that cannot be used (down, refused, too slow, its headers
 * unreadable) is left out with a warning and, once per failure found (not when the turn itself ran
 * out of time or was stopped), an {@code mcp_server.error} entry in the tenant's audit log; the turn
 * goes on with the other tools.
 */
@Singleton
class McpTools implements ToolSource {
    private static final Logger LOG = LoggerFactory.getLogger(McpTools.class);
    /** Bounds a turn-less use (none so far): turns always carry their deadline. */
    private static final Duration WITHOUT_DEADLINE = Duration.ofMinutes(5);

    private final McpServerService servers;
    private final McpConnections connections;

    McpTools(McpServerService servers, McpConnections connections) {
        this.servers = servers;
        this.connections = connections;
    }

    @Override
    public List<AgentTool> toolsFor(ToolContext context) throws InterruptedException {
        if (context.mcpServers().isEmpty()) {
            return List.of();
        }
        Deadline deadline = context.deadline() == null ? Deadline.after(WITHOUT_DEADLINE) : context.deadline();
        List<AgentTool> tools = new ArrayList<>();
        for (McpEndpoint endpoint : servers.endpoints(context.tenantId(), context.mcpServers())) {
            try {
                for (ToolSpecification specification : connections.tools(endpoint, deadline)) {
                    tools.add(new McpTool(endpoint, specification, McpToolNames.of(endpoint.slug(), specification.name()),
                            connections));
                }
            } catch (McpUnavailableException e) {
                String message = endpoint.redacted(e.getMessage());
                LOG.warn("turn {}: MCP server {} of tenant {} left out: {}", context.turnId(), endpoint.slug(),
                        endpoint.tenantId(), message);
                if (!e.cached() && !e.turnBound()) {
                    recordError(endpoint, message);
                }
            }
        }
        return tools;
    }

    private void recordError(McpEndpoint endpoint, String message) throws InterruptedException {
        try {
            servers.recordError(endpoint, message);
        } catch (RuntimeException e) {
            Interruptions.propagate(e);
            LOG.warn("could not note MCP server {}'s failure in the audit log: {}", endpoint.slug(), e.toString());
        }
    }
}
