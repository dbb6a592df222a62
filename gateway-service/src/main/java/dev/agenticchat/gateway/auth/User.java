package dev.agenticchat.gateway.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

@MappedEntity("users")
record User(@Id UUID id, UUID tenantId, String kind, @Nullable String email, Instant createdAt) {
    static final String ANONYMOUS = "anonymous";
}
