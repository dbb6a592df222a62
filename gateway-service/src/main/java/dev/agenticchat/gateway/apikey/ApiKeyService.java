package dev.agenticchat.gateway.apikey;

import dev.agenticchat.gateway.auth.KeyPrincipals;
import dev.agenticchat.gateway.tenant.Tenant;
import dev.agenticchat.gateway.tenant.TenantService;
import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.web.ApiProblem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tenant's API keys: its admins create (the secret is in that answer only), list and revoke
 * them; {@link #authenticate} turns a presented secret into the key's holder. Another tenant's key
 * is a 404 to an admin, as every other tenant resource is. Creation and revocation are logged
 * with the key's id, prefix and the admin's user id (the audit log lives in agent-service and takes
 * no entries from the gateway).
 */
@Singleton
public class ApiKeyService {
    /** Live keys per tenant: plenty for integrations, a bound on a careless script. */
    static final int MAX_ACTIVE_KEYS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyService.class);

    private final ApiKeyRepository keys;
    private final KeyPrincipals principals;
    private final TenantService tenants;

    ApiKeyService(ApiKeyRepository keys, KeyPrincipals principals, TenantService tenants) {
        this.keys = keys;
        this.principals = principals;
        this.tenants = tenants;
    }

    /** Who a key acts as: its own user of its tenant. */
    public record KeyHolder(UUID keyId, UUID tenantId, UUID userId) {
    }

    record CreatedKey(ApiKey key, String secret) {
    }

    @Transactional
    CreatedKey create(Caller admin, String name) {
        UUID tenantId = UUID.fromString(admin.tenantId());
        if (keys.countActive(tenantId) >= MAX_ACTIVE_KEYS) {
            throw new ApiProblem(HttpStatus.CONFLICT, "Too many API keys",
                    "a tenant has at most " + MAX_ACTIVE_KEYS + " active API keys; revoke one first", List.of());
        }
        String secret = ApiKeySecrets.newSecret();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID userId = principals.create(tenantId);
        ApiKey key = keys.save(new ApiKey(UUID.randomUUID(), tenantId, userId, name, ApiKeySecrets.prefix(secret),
                ApiKeySecrets.hash(secret), UUID.fromString(admin.userId()), now, null, null, null));
        LOG.info("API key {} ({}) created in tenant {} by user {}", key.id(), key.prefix(), tenantId, admin.userId());
        return new CreatedKey(key, secret);
    }

    @Transactional(readOnly = true)
    List<ApiKey> list(Caller admin) {
        return keys.listOf(UUID.fromString(admin.tenantId()));
    }

    /** Refused from the next request on; revoking a revoked key changes nothing. */
    @Transactional
    ApiKey revoke(Caller admin, UUID id) {
        ApiKey key = keys.findByIdAndTenantId(id, UUID.fromString(admin.tenantId()))
                .orElseThrow(() -> ApiProblem.notFound("API key " + id));
        if (keys.revoke(key.id(), Instant.now(), UUID.fromString(admin.userId())) > 0) {
            LOG.info("API key {} ({}) revoked in tenant {} by user {}", key.id(), key.prefix(), key.tenantId(), admin.userId());
        }
        return keys.findById(key.id()).orElseThrow();
    }

    /** The holder of a live key of an active tenant; empty for anything else. Records when the key was last used. */
    @Transactional
    public Optional<KeyHolder> authenticate(@Nullable String secret) {
        if (secret == null || !ApiKeySecrets.wellFormed(secret)) {
            return Optional.empty();
        }
        Optional<ApiKey> key = keys.findBySecretHash(ApiKeySecrets.hash(secret)).filter(k -> !k.revoked())
                .filter(k -> tenants.find(k.tenantId()).map(t -> Tenant.ACTIVE.equals(t.status())).orElse(false));
        Instant now = Instant.now();
        key.ifPresent(k -> keys.touch(k.id(), now, now.minusSeconds(60)));
        return key.map(k -> new KeyHolder(k.id(), k.tenantId(), k.userId()));
    }
}
