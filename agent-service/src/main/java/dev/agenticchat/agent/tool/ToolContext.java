package dev.agenticchat.agent.tool;

import java.util.UUID;

/** The turn a tool runs for, and the user on whose behalf it acts. */
public record ToolContext(UUID turnId, String threadId, String tenantId, String userId) {
}
