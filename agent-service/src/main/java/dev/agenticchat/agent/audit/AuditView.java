package dev.agenticchat.agent.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** An audit log entry as the API shows it. */
@Serdeable
record AuditView(UUID id, String type, Instant occurredAt, @Nullable String agent, @Nullable String actor, String summary,
                 Map<String, Object> details) {

    static AuditView of(AuditEntry entry) {
        return new AuditView(entry.id(), entry.type(), entry.occurredAt(), entry.agentSlug(), entry.actor(), entry.summary(),
                entry.details());
    }
}
