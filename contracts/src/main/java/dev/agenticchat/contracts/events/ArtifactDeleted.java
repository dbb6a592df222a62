package dev.agenticchat.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;

/** Its owner deleted an artifact: every version is gone and every share link of it is revoked. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ArtifactDeleted(String artifactId, @Nullable String threadId, Instant deletedAt) implements ArtifactEvent {

    public static final String TYPE = "dev.agenticchat.artifact.deleted";

    @Override
    public String eventType() {
        return TYPE;
    }
}
