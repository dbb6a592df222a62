package dev.agenticchat.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * A new version of an artifact was stored; {@code artifact} is that version as clients render it
 * (its {@code created_at} stays the artifact's own), {@code previousVersion} the one it replaced.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ArtifactUpdated(ArtifactSnapshot artifact, int previousVersion) implements ArtifactEvent {

    public static final String TYPE = "dev.agenticchat.artifact.updated";

    @Override
    public String eventType() {
        return TYPE;
    }
}
