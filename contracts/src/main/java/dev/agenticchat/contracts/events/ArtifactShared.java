package dev.agenticchat.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;

/**
 * Its owner made a public read-only link to an artifact. The link's token is a secret and never
 * travels in events; {@code expiresAt} is absent for a link that does not expire.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ArtifactShared(String artifactId, String shareId, @Nullable String threadId, @Nullable Instant expiresAt,
                             Instant createdAt) implements ArtifactEvent {

    public static final String TYPE = "dev.agenticchat.artifact.shared";

    @Override
    public String eventType() {
        return TYPE;
    }
}
