package dev.agenticchat.agent.credentials;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * What the API shows of a stored credential: whose it is, which key sealed it, who set it and
 * when. Never the key, nor any part of it.
 */
@Serdeable
record CredentialView(String provider, String scope, @Nullable String agent, String keyId, @Nullable String updatedBy,
                      Instant updatedAt) {

    static CredentialView of(CredentialRepository.Stored stored) {
        return new CredentialView(stored.scope().provider(), stored.scope().kind(), stored.agentSlug(),
                stored.sealed().keyId(), stored.updatedBy(), stored.updatedAt());
    }
}
