package dev.agenticchat.agent.tool;

import dev.agenticchat.agent.llm.Deadline;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The turn a tool runs for, the user on whose behalf it acts, the knowledge bases the turn
 * searches (empty when none), the tools its agent enables ({@code null}: every tool), the slugs of
 * the MCP servers whose tools its agent offers (empty when none), the turn's deadline, which
 * bounds a tool's waits ({@code null}: the tool's own limits only), and, while one tool call runs,
 * its place in the turn ({@code callKey}: the same when the turn runs again after its worker died,
 * so what the call creates is created once).
 */
public record ToolContext(UUID turnId, String threadId, String tenantId, String userId, List<String> knowledgeBaseIds,
                          @Nullable Set<String> enabledTools, List<String> mcpServers, @Nullable Deadline deadline,
                          @Nullable String callKey) {

    public ToolContext {
        knowledgeBaseIds = knowledgeBaseIds == null ? List.of() : List.copyOf(knowledgeBaseIds);
        enabledTools = enabledTools == null ? null : Set.copyOf(enabledTools);
        mcpServers = mcpServers == null ? List.of() : List.copyOf(mcpServers);
    }

    public ToolContext(UUID turnId, String threadId, String tenantId, String userId, List<String> knowledgeBaseIds,
                       @Nullable Set<String> enabledTools, List<String> mcpServers, @Nullable Deadline deadline) {
        this(turnId, threadId, tenantId, userId, knowledgeBaseIds, enabledTools, mcpServers, deadline, null);
    }

    public ToolContext(UUID turnId, String threadId, String tenantId, String userId, List<String> knowledgeBaseIds,
                       @Nullable Set<String> enabledTools) {
        this(turnId, threadId, tenantId, userId, knowledgeBaseIds, enabledTools, List.of(), null);
    }

    public ToolContext(UUID turnId, String threadId, String tenantId, String userId, List<String> knowledgeBaseIds) {
        this(turnId, threadId, tenantId, userId, knowledgeBaseIds, null);
    }

    public ToolContext(UUID turnId, String threadId, String tenantId, String userId) {
        this(turnId, threadId, tenantId, userId, List.of());
    }

    /** The call at {@code step} (the model call that asked for it) and {@code index} (its place in that answer). */
    public ToolContext forCall(int step, int index) {
        return new ToolContext(turnId, threadId, tenantId, userId, knowledgeBaseIds, enabledTools, mcpServers, deadline,
                "turn:" + turnId + ":" + step + ":" + index);
    }

    /** Whether the turn's agent lets the model use this tool at all. */
    public boolean enables(String toolName) {
        return enabledTools == null || enabledTools.contains(toolName);
    }
}
