package dev.agenticchat.artifact.artifact;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * An artifact's identity, owner and lifecycle; its content is in {@code artifact_versions}.
 * {@code turnId} is the turn that created it.
 */
@MappedEntity("artifacts")
public record Artifact(@Id UUID id, String tenantId, String userId, @Nullable String threadId, @Nullable String turnId,
                       String type, String title, String status, int currentVersion, Instant createdAt, Instant updatedAt) {
}
