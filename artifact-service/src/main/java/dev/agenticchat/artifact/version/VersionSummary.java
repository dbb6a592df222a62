package dev.agenticchat.artifact.version;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** One entry of an artifact's history; {@code turnId} is the agent turn that made it, null for a person's edit. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record VersionSummary(int version, String status, Instant createdAt, @Nullable String turnId) {
}
