package dev.agenticchat.artifact.artifact;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** An artifact at its current version, as clients render it. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record ArtifactView(UUID id, String type, String title, String status, int version, @Nullable String threadId,
                    @Nullable String turnId, Map<String, Object> content, Instant createdAt, Instant updatedAt) {

    static ArtifactView of(Artifact artifact, Map<String, Object> content) {
        return new ArtifactView(artifact.id(), artifact.type(), artifact.title(), artifact.status(),
                artifact.currentVersion(), artifact.threadId(), artifact.turnId(), content, artifact.createdAt(),
                artifact.updatedAt());
    }

    static ArtifactView of(StoredArtifact stored) {
        return of(stored.artifact(), stored.content());
    }
}
