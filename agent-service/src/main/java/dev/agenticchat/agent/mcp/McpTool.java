package dev.agenticchat.agent.mcp;

import dev.agenticchat.agent.llm.Deadline;
import dev.agenticchat.agent.tool.AgentTool;
import dev.agenticchat.agent.tool.ToolContext;
import dev.agenticchat.agent.tool.ToolOutcome;
import dev.langchain4j.agent.tool.ToolSpecification;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * One tool of an MCP server, as the model sees it: the server's description and input schema under
 * the name {@link McpToolNames} gives it. A call goes to the server by the tool's own name, within
 * {@code agent.mcp.call-timeout} and the turn's deadline; an error result, a transport failure or a
 * timeout is a failed call whose output ("Error: ...") the model reads.
 */
final class McpTool implements AgentTool {
    private static final Duration WITHOUT_DEADLINE = Duration.ofMinutes(5);

    private final McpEndpoint endpoint;
    private final String remoteName;
    private final ToolSpecification specification;
    private final McpConnections connections;

    McpTool(McpEndpoint endpoint, ToolSpecification remote, String name, McpConnections connections) {
        this.endpoint = endpoint;
        this.remoteName = remote.name();
        this.specification = remote.toBuilder().name(name).build();
        this.connections = connections;
    }

    @Override
    public ToolSpecification specification() {
        return specification;
    }

    @Override
    public ToolOutcome execute(@Nullable String arguments, ToolContext context) throws InterruptedException {
        Deadline deadline = context.deadline() == null ? Deadline.after(WITHOUT_DEADLINE) : context.deadline();
        try {
            return ToolOutcome.completed(connections.call(endpoint, remoteName,
                    arguments == null || arguments.isBlank() ? "{}" : arguments, deadline));
        } catch (McpCallFailedException e) {
            return ToolOutcome.failed("Error: " + endpoint.redacted(e.getMessage()));
        }
    }
}
