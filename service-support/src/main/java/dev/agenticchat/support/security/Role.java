package dev.agenticchat.support.security;

import java.util.Arrays;
import java.util.Optional;

/**
 * Who a caller is, as the {@code roles} claim of the gateway's tokens names it. Every service
 * decides with these, through {@link Caller}; the README's roles table says what each may do.
 */
public enum Role {
    /** An anonymous session: the default for everyone who opens the chat. */
    VISITOR("visitor"),
    /** A session linked to an email address by a one-time code. */
    PERSON("person"),
    /** A person the operator named administrator of their tenant. */
    TENANT_ADMIN("tenant_admin"),
    /** The holder of {@code ADMIN_TOKEN}: tenants and their administrators. */
    OPERATOR("operator"),
    /** Another service of the suite, acting on a user's behalf with the service credential. */
    SERVICE(ServiceCredentials.ROLE);

    /** For {@code @Secured}, which needs constants. */
    public static final String TENANT_ADMIN_NAME = "tenant_admin";
    public static final String OPERATOR_NAME = "operator";

    private final String claim;

    Role(String claim) {
        this.claim = claim;
    }

    /** The name in the token's {@code roles} claim. */
    public String claim() {
        return claim;
    }

    public static Optional<Role> ofClaim(String claim) {
        return Arrays.stream(values()).filter(role -> role.claim.equals(claim)).findFirst();
    }
}
