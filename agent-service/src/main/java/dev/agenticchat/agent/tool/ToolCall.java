package dev.agenticchat.agent.tool;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** One tool the model called in a turn, with the raw arguments and the result it was given. */
@MappedEntity("tool_calls")
record ToolCall(@Id UUID id, UUID turnId, String toolCallId, String toolName, String input, String output,
                String status, long latencyMs, Instant createdAt) {
}
