package dev.agenticchat.support.security;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.security.authentication.Authentication;

/**
 * The tenant and user a request acts for, taken from the validated token (or from the
 * service credential's on-behalf-of headers), never from the request body.
 */
public record Caller(String tenantId, String userId) {
    /** JWT claim naming the tenant, set by the gateway. */
    public static final String TENANT_CLAIM = "tenant";

    public static Caller of(Authentication authentication) {
        Object tenant = authentication.getAttributes().get(TENANT_CLAIM);
        if (tenant == null || authentication.getName() == null) {
            throw new HttpStatusException(HttpStatus.FORBIDDEN, "token carries no tenant or user");
        }
        return new Caller(tenant.toString(), authentication.getName());
    }
}
