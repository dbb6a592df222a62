package dev.agenticchat.agent.credentials;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** {@code {"api_key": "..."}}: a provider's API key as a tenant admin sends it. Never printed. */
@Serdeable
record CredentialRequest(@Nullable String apiKey) {
    @Override
    public String toString() {
        return "CredentialRequest[apiKey=" + (apiKey == null ? "null" : "<redacted>") + "]";
    }
}
