package dev.agenticchat.agent.audit;

import dev.agenticchat.support.paging.PageCursor;
import dev.agenticchat.support.security.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A tenant's audit log: entries are written by the features they record (in the transaction of
 * the change they record, when there is one) and read by the tenant's admins only.
 */
@Singleton
public class AuditService {
    private final AuditRepository entries;

    AuditService(AuditRepository entries) {
        this.entries = entries;
    }

    /** {@code actor}: the user who acted, null when the service did. Joins the caller's transaction. */
    @Transactional
    public void record(String tenantId, String type, @Nullable UUID agentId, @Nullable String agentSlug,
                       @Nullable String actor, String summary, Map<String, Object> details) {
        entries.insert(new AuditEntry(UUID.randomUUID(), tenantId, type, agentId, agentSlug, actor, summary, details,
                Instant.now().truncatedTo(ChronoUnit.MICROS)));
    }

    @Transactional
    List<AuditEntry> find(Caller caller, AuditFilter filter, @Nullable PageCursor after, int limit) {
        caller.requireTenantAdmin("The audit log");
        return entries.find(caller.tenantId(), filter, after, limit);
    }
}
