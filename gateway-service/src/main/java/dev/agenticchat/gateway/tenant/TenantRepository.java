package dev.agenticchat.gateway.tenant;

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
}
