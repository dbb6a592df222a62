package dev.agenticchat.agent.llm;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * What is asked of the model in one step of a turn, whichever model answers it: the
 * conversation, the tools offered, the agent's sampling settings and whether its reasoning is
 * wanted.
 */
public record ModelRequest(List<ChatMessage> messages, List<ToolSpecification> tools, @Nullable Double temperature,
                           @Nullable Integer maxOutputTokens, boolean reasoning) {
}
