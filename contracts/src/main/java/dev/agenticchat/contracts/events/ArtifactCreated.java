package dev.agenticchat.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** A validated artifact was stored; {@code artifact} is what clients render. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ArtifactCreated(ArtifactSnapshot artifact) implements ArtifactEvent {

    public static final String TYPE = "dev.agenticchat.artifact.created";

    @Override
    public String eventType() {
        return TYPE;
    }
}
