package dev.agenticchat.agent.credentials;

import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Whose credential for which provider: a tenant's (no agent) or one of its agents'. Its
 * {@link #additionalData()} is what a ciphertext is bound to.
 */
record CredentialScope(String tenantId, @Nullable UUID agentId, String provider) {
    static final String TENANT = "tenant";
    static final String AGENT = "agent";

    static CredentialScope ofTenant(String tenantId, String provider) {
        return new CredentialScope(tenantId, null, provider);
    }

    /** {@code tenant} or {@code agent}, as views name it. */
    String kind() {
        return agentId == null ? TENANT : AGENT;
    }

    /**
     * {@code tenant|agent|provider}: the agent part is a UUID or {@code tenant} and the provider one
     * of {@code Providers}, neither holding a {@code |}, so the text names exactly one row's scope.
     */
    byte[] additionalData() {
        return (tenantId + "|" + (agentId == null ? TENANT : agentId.toString()) + "|" + provider)
                .getBytes(StandardCharsets.UTF_8);
    }
}
