package dev.agenticchat.agent.audit;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One line of a tenant's audit log: what happened ({@code type}, one of {@link AuditTypes}), to
 * which agent, by whom (null: the service itself), in a sentence, and its facts.
 */
public record AuditEntry(UUID id, String tenantId, String type, @Nullable UUID agentId, @Nullable String agentSlug,
                         @Nullable String actor, String summary, Map<String, Object> details, Instant occurredAt) {
}
