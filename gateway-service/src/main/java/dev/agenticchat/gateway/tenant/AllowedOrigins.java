package dev.agenticchat.gateway.tenant;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which origins the active tenants allow to embed the widget, held in memory: the check runs on
 * every CORS request and WebSocket upgrade, on the event loop, and must not query Postgres. The
 * whole table (a few origins per tenant) is read again every {@code gateway.widget.origins-refresh}
 * (5 s) on every replica, and at once on the replica that changed it, so a change made through the
 * admin API holds everywhere within that time.
 */
@Singleton
public class AllowedOrigins {
    private static final Logger LOG = LoggerFactory.getLogger(AllowedOrigins.class);

    private final TenantRepository repository;
    private volatile Snapshot snapshot;

    AllowedOrigins(TenantRepository repository) {
        this.repository = repository;
    }

    /** Whether some active tenant allows this origin (normalized or as the browser sent it). */
    public boolean allowedForSomeTenant(String origin) {
        return normalize(origin).map(o -> current().tenantsByOrigin.containsKey(o)).orElse(false);
    }

    /** Whether the active tenant with this slug allows this origin. */
    public boolean allows(String tenantSlug, String origin) {
        UUID id = current().idsBySlug.get(tenantSlug);
        return id != null && allows(id, origin);
    }

    /** Whether the tenant (by id) allows this origin. */
    public boolean allows(UUID tenantId, String origin) {
        return normalize(origin).map(o -> current().tenantsByOrigin.getOrDefault(o, Set.of()).contains(tenantId)).orElse(false);
    }

    @EventListener
    void onStartup(StartupEvent event) {
        scheduledRefresh();
    }

    @Scheduled(fixedDelay = "${gateway.widget.origins-refresh:5s}", initialDelay = "${gateway.widget.origins-refresh:5s}")
    void scheduledRefresh() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warn("could not read the tenants' allowed origins; keeping the last ones: {}", e.toString());
        }
    }

    /** Reads the table again; called after a change on this replica. */
    public void refresh() {
        Map<String, Set<UUID>> byOrigin = new HashMap<>();
        Map<String, UUID> bySlug = new HashMap<>();
        for (TenantRepository.TenantOrigin row : repository.activeTenantOrigins()) {
            byOrigin.computeIfAbsent(row.origin(), o -> new HashSet<>()).add(row.tenantId());
            bySlug.put(row.slug(), row.tenantId());
        }
        Map<String, Set<UUID>> frozen = new HashMap<>();
        byOrigin.forEach((origin, tenants) -> frozen.put(origin, Set.copyOf(tenants)));
        snapshot = new Snapshot(Map.copyOf(frozen), Map.copyOf(bySlug));
    }

    /** Until the table could be read once, no site is allowed (the server-wide list still is). */
    private Snapshot current() {
        Snapshot current = snapshot;
        if (current == null) {
            scheduledRefresh();
            current = snapshot;
        }
        return current == null ? EMPTY : current;
    }

    private static Optional<String> normalize(String origin) {
        return origin == null ? Optional.empty() : AllowedOrigin.parse(origin);
    }

    private static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of());

    private record Snapshot(Map<String, Set<UUID>> tenantsByOrigin, Map<String, UUID> idsBySlug) {
    }
}
