package dev.agenticchat.contracts.events;

/** Events of {@code artifact.events.v1}, produced by artifact-service. */
public sealed interface ArtifactEvent extends DomainEvent permits ArtifactCreated, ArtifactUpdated, ArtifactShared,
        ArtifactDeleted {
}
