package dev.agenticchat.gateway.privacy;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.UUID;

/** An erasure request; who it is about is kept only while it runs. */
@MappedEntity("erasures")
record Erasure(@Id UUID id, UUID tenantId, @Nullable @TypeDef(type = DataType.STRING_ARRAY) String[] userIds,
               @Nullable String emailSha256, String status, Instant requestedAt, @Nullable Instant completedAt) {
    static final String PENDING = "pending";
    static final String COMPLETED = "completed";
}
