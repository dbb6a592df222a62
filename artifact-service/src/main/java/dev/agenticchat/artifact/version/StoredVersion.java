package dev.agenticchat.artifact.version;

import java.util.Map;

/** One version of an artifact with its content. */
public record StoredVersion(VersionSummary summary, Map<String, Object> content) {
}
