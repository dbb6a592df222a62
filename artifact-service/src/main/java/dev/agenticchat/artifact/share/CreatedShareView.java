package dev.agenticchat.artifact.share;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/** A new share link: the only time its {@code token} is shown; {@code url} is the public page, relative to the gateway. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record CreatedShareView(UUID id, String token, String url, Instant createdAt, @Nullable Instant expiresAt) {
}
