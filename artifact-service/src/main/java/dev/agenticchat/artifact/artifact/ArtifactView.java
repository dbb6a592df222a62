package dev.agenticchat.artifact.artifact;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An artifact at its current version, as clients render it. {@code sanitizedHtml} is present
 * for html artifacts read one at a time: the rendition to show (in a sandboxed frame) instead
 * of the stored {@code content.html}.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ArtifactView(UUID id, String type, String title, String status, int version, @Nullable String threadId,
                           @Nullable String turnId, Map<String, Object> content, Instant createdAt, Instant updatedAt,
                           @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String sanitizedHtml) {

    public static ArtifactView of(Artifact artifact, Map<String, Object> content) {
        return new ArtifactView(artifact.id(), artifact.type(), artifact.title(), artifact.status(),
                artifact.currentVersion(), artifact.threadId(), artifact.turnId(), content, artifact.createdAt(),
                artifact.updatedAt(), null);
    }

    public static ArtifactView of(StoredArtifact stored) {
        return of(stored.artifact(), stored.content());
    }

    /** The entity tag of a version: {@code If-Match} with it makes an update conditional. */
    public static String etag(int version) {
        return "\"" + version + "\"";
    }

    public ArtifactView withSanitizedHtml(@Nullable String html) {
        return new ArtifactView(id, type, title, status, version, threadId, turnId, content, createdAt, updatedAt, html);
    }
}
