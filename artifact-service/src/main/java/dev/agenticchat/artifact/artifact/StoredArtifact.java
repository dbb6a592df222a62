package dev.agenticchat.artifact.artifact;

import java.util.Map;

/** An artifact with the content of its current version, as read back from the database. */
public record StoredArtifact(Artifact artifact, Map<String, Object> content) {
}
