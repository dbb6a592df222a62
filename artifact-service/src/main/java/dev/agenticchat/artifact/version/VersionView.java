package dev.agenticchat.artifact.version;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One version of an artifact as it was stored; {@code sanitizedHtml} as in the artifact view. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record VersionView(UUID artifactId, String type, String title, int version, String status, @Nullable String turnId,
                   Map<String, Object> content, Instant createdAt,
                   @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String sanitizedHtml) {
}
