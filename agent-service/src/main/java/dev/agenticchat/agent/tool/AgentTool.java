package dev.agenticchat.agent.tool;

import dev.langchain4j.agent.tool.ToolSpecification;
import io.micronaut.core.annotation.Nullable;

/**
 * One tool the model may call. A tool is offered only in the turns it can serve (search
 * needs knowledge bases, SEO tools an API key). {@code execute} returns what the model is
 * told; it throws InterruptedException only when the worker is stopping, never for a
 * failure of the tool.
 */
public interface AgentTool {

    ToolSpecification specification();

    default String name() {
        return specification().name();
    }

    default boolean offeredIn(ToolContext context) {
        return true;
    }

    /**
     * Whether later turns replay this tool's completed calls: true for tools whose result
     * names an artifact the user may ask to change.
     */
    default boolean remembered() {
        return false;
    }

    ToolOutcome execute(@Nullable String arguments, ToolContext context) throws InterruptedException;
}
