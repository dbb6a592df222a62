package dev.agenticchat.artifact.share;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.agenticchat.artifact.artifact.ArtifactView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** An artifact as anyone with its link sees it: nothing about its owner, tenant, thread or turn. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record SharedArtifactView(UUID id, String type, String title, String status, int version, Map<String, Object> content,
                          Instant createdAt, Instant updatedAt,
                          @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String sanitizedHtml) {

    static SharedArtifactView of(ArtifactView view) {
        return new SharedArtifactView(view.id(), view.type(), view.title(), view.status(), view.version(), view.content(),
                view.createdAt(), view.updatedAt(), view.sanitizedHtml());
    }
}
