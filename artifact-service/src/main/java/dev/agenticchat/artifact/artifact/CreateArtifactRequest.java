package dev.agenticchat.artifact.artifact;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Size;

/**
 * What the agent's {@code create_<type>_artifact} tool (or a client) sends. {@code type}
 * and {@code content} are checked by the service, not by bean validation, so that their
 * errors come back as one 422 a model can act on. {@code content} is any JSON value here;
 * the service requires an object.
 */
@Serdeable
record CreateArtifactRequest(@Nullable String type, @Nullable Object content,
                             @Nullable @Size(min = 1, max = 200) String threadId,
                             @Nullable @Size(min = 1, max = 200) String turnId,
                             @Nullable String status) {
}
