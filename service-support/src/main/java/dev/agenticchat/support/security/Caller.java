package dev.agenticchat.support.security;

import dev.agenticchat.support.web.ApiProblem;
import io.micronaut.http.HttpStatus;
import io.micronaut.security.authentication.Authentication;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The tenant and user a request acts for and what they may do, taken from the validated token
 * (or from the service credential's on-behalf-of headers), never from the request body. This is
 * the one place a token becomes rights: endpoints ask it, not the raw claims.
 * {@code mergedUserIds} are sessions the gateway linked into this person moments ago: until a
 * service has moved their data (UserLinked), it may show it to the person as theirs.
 */
public record Caller(String tenantId, String userId, Set<Role> roles, List<String> mergedUserIds) {
    /** JWT claim naming the tenant, set by the gateway. */
    public static final String TENANT_CLAIM = "tenant";
    /** JWT claim listing the {@link Role#claim()} names. */
    public static final String ROLES_CLAIM = "roles";
    /** JWT claim listing the ids of sessions just linked into the person. */
    public static final String MERGED_CLAIM = "merged";

    public Caller {
        roles = Set.copyOf(roles);
        mergedUserIds = List.copyOf(mergedUserIds);
    }

    public Caller(String tenantId, String userId, Set<Role> roles) {
        this(tenantId, userId, roles, List.of());
    }

    public static Caller of(Authentication authentication) {
        Object tenant = authentication.getAttributes().get(TENANT_CLAIM);
        if (tenant == null || authentication.getName() == null) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "Forbidden", "the credential names no tenant or user", List.of());
        }
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (String claim : authentication.getRoles()) {
            Role.ofClaim(claim).ifPresent(roles::add);
        }
        List<String> merged = authentication.getAttributes().get(MERGED_CLAIM) instanceof Collection<?> ids
                ? ids.stream().map(String::valueOf).toList() : List.of();
        return new Caller(tenant.toString(), authentication.getName(), roles, merged);
    }

    /** A caller in a tenant acting as one user, with the given roles (tests, asynchronous work). */
    public static Caller of(String tenantId, String userId, Role... roles) {
        return new Caller(tenantId, userId, Set.of(roles), List.of());
    }

    public boolean is(Role role) {
        return roles.contains(role);
    }

    /** Administers the tenant's shared resources (agents, tenant knowledge bases, webhooks). */
    public boolean isTenantAdmin() {
        return is(Role.TENANT_ADMIN);
    }

    /** This caller, or a 403 problem: the resource is visible to them but changing it is the tenant admins' right. */
    public Caller requireTenantAdmin(String what) {
        if (!isTenantAdmin()) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "Forbidden", what + " is for the tenant's administrators", List.of());
        }
        return this;
    }

    /** The user ids whose data this caller reads as its own: itself and the sessions just linked into it. */
    public List<String> readsAs() {
        if (mergedUserIds.isEmpty()) {
            return List.of(userId);
        }
        List<String> ids = new ArrayList<>(mergedUserIds.size() + 1);
        ids.add(userId);
        ids.addAll(mergedUserIds);
        return ids;
    }

    /** Whether this caller acts as the given user of its tenant. */
    public boolean isUser(String userIdInTenant) {
        return userId.equals(userIdInTenant);
    }
}
