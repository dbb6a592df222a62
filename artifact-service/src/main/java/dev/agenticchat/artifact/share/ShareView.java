package dev.agenticchat.artifact.share;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/** A share link as its owner lists it: never its token, which is shown once, at creation. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record ShareView(UUID id, Instant createdAt, @Nullable Instant expiresAt, boolean expired) {
}
