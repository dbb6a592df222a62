package dev.agenticchat.artifact.version;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.UUID;

/** What changed from version {@code from} to version {@code to}, members in the order the stored content keeps them. */
@Serdeable
record DiffView(UUID artifactId, int from, int to, List<Change> changes) {
}
