package dev.agenticchat.gateway.tenant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A tenant: users, data and settings are kept apart per tenant. */
@MappedEntity("tenants")
public record Tenant(@Id UUID id, String slug, String name, String status, @Nullable String summaryRecipient,
                     @Nullable Integer inactivityTimeoutSeconds, Instant createdAt, Instant updatedAt) {
    public static final String ACTIVE = "active";
    public static final String DISABLED = "disabled";

    public boolean active() {
        return ACTIVE.equals(status);
    }
}
