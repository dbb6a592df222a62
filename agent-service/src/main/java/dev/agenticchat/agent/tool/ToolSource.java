package dev.agenticchat.agent.tool;

import java.util.List;

/**
 * Tools that are not the service's own but found per turn, such as the tools of the MCP servers an
 * agent lists. Each source is a bean; {@link ToolRegistry} asks every one when a turn starts. A
 * source that cannot reach what it serves offers nothing (and says so in the log): the turn goes
 * on with the other tools.
 */
public interface ToolSource {

    /** The tools this turn may call, each with a name unique among all tools. */
    List<AgentTool> toolsFor(ToolContext context) throws InterruptedException;
}
