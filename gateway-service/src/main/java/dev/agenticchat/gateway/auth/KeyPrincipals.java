package dev.agenticchat.gateway.auth;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.UUID;

/**
 * The users API keys act as (kind {@code api_key}): one per key, so a key's threads, artifacts
 * and limits are its own and nobody else's, and the access tokens the gateway mints for it to call
 * the other services on its behalf, exactly as a visitor's token calls them. Those tokens never
 * leave the gateway: the key is the only credential its holder has.
 */
@Singleton
public class KeyPrincipals {
    private final UserRepository users;
    private final AccessTokens tokens;

    KeyPrincipals(UserRepository users, AccessTokens tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    /** A new user of the tenant for a new key; call it in the key's own transaction. */
    public UUID create(UUID tenantId) {
        return users.save(User.apiKey(tenantId, Instant.now())).id();
    }

    /** A short-lived token with the visitor's rights: chat with the tenant's agents, own threads and artifacts. */
    public String accessToken(UUID userId, UUID tenantId) {
        return tokens.issue(userId, tenantId, AccessTokens.VISITOR_ROLES);
    }
}
