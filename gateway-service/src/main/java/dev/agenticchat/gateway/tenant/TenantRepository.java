package dev.agenticchat.gateway.tenant;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface TenantRepository extends CrudRepository<Tenant, UUID> {
    Optional<Tenant> findBySlug(String slug);

    @Query("SELECT * FROM tenants WHERE id = :id FOR UPDATE")
    Optional<Tenant> findByIdForUpdate(UUID id);

    List<Tenant> listOrderBySlug();

    @Query("INSERT INTO tenant_admins (tenant_id, email) VALUES (:tenantId, :email) ON CONFLICT DO NOTHING")
    void addAdmin(UUID tenantId, String email);

    @Query("SELECT email FROM tenant_admins WHERE tenant_id = :tenantId ORDER BY email")
    List<String> admins(UUID tenantId);

    @Query("SELECT EXISTS (SELECT 1 FROM tenant_admins WHERE tenant_id = :tenantId AND email = :email)")
    boolean isAdmin(UUID tenantId, String email);

    @Query("SELECT origin FROM tenant_allowed_origins WHERE tenant_id = :tenantId ORDER BY origin")
    List<String> allowedOrigins(UUID tenantId);

    @Query("DELETE FROM tenant_allowed_origins WHERE tenant_id = :tenantId")
    void removeAllowedOrigins(UUID tenantId);

    @Query("INSERT INTO tenant_allowed_origins (tenant_id, origin) VALUES (:tenantId, :origin) ON CONFLICT DO NOTHING")
    void addAllowedOrigin(UUID tenantId, String origin);

    @Query("SELECT o.tenant_id, t.slug, o.origin FROM tenant_allowed_origins o JOIN tenants t ON t.id = o.tenant_id WHERE t.status = 'active'")
    List<TenantOrigin> activeTenantOrigins();

    /** One allowed origin of an active tenant. */
    @Introspected
    record TenantOrigin(UUID tenantId, String slug, String origin) {
    }
}
