package dev.agenticchat.agent.tool;

import java.util.List;
import java.util.UUID;

/**
 * The turn a tool runs for, the user on whose behalf it acts, and the knowledge bases the
 * user's thread searches (empty when it has none).
 */
public record ToolContext(UUID turnId, String threadId, String tenantId, String userId, List<String> knowledgeBaseIds) {

    public ToolContext {
        knowledgeBaseIds = knowledgeBaseIds == null ? List.of() : List.copyOf(knowledgeBaseIds);
    }

    public ToolContext(UUID turnId, String threadId, String tenantId, String userId) {
        this(turnId, threadId, tenantId, userId, List.of());
    }
}
