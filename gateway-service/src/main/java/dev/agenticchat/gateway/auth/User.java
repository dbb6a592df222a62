package dev.agenticchat.gateway.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A user of a tenant: anonymous, or a person known by a proven email address. */
@MappedEntity("users")
record User(@Id UUID id, UUID tenantId, String kind, @Nullable String email, Instant createdAt,
            @Nullable UUID mergedInto, @Nullable Instant mergedAt) {
    static final String ANONYMOUS = "anonymous";
    static final String PERSON = "person";
    /** The user an API key acts as: it never signs in, only the key's requests use it. */
    static final String API_KEY = "api_key";

    static User anonymous(UUID tenantId, Instant now) {
        return new User(UUID.randomUUID(), tenantId, ANONYMOUS, null, now, null, null);
    }

    static User person(UUID tenantId, String email, Instant now) {
        return new User(UUID.randomUUID(), tenantId, PERSON, email, now, null, null);
    }

    static User apiKey(UUID tenantId, Instant now) {
        return new User(UUID.randomUUID(), tenantId, API_KEY, null, now, null, null);
    }

    boolean anonymous() {
        return ANONYMOUS.equals(kind);
    }

    boolean retired() {
        return mergedInto != null;
    }
}
