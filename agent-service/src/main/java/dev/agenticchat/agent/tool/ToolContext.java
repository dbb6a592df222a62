package dev.agenticchat.agent.tool;

import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The turn a tool runs for, the user on whose behalf it acts, the knowledge bases the turn
 * searches (empty when none) and the tools its agent enables ({@code null}: every tool).
 */
public record ToolContext(UUID turnId, String threadId, String tenantId, String userId, List<String> knowledgeBaseIds,
                          @Nullable Set<String> enabledTools) {

    public ToolContext {
        knowledgeBaseIds = knowledgeBaseIds == null ? List.of() : List.copyOf(knowledgeBaseIds);
        enabledTools = enabledTools == null ? null : Set.copyOf(enabledTools);
    }

    public ToolContext(UUID turnId, String threadId, String tenantId, String userId, List<String> knowledgeBaseIds) {
        this(turnId, threadId, tenantId, userId, knowledgeBaseIds, null);
    }

    public ToolContext(UUID turnId, String threadId, String tenantId, String userId) {
        this(turnId, threadId, tenantId, userId, List.of());
    }

    /** Whether the turn's agent lets the model use this tool at all. */
    public boolean enables(String toolName) {
        return enabledTools == null || enabledTools.contains(toolName);
    }
}
