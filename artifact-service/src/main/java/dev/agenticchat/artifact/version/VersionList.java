package dev.agenticchat.artifact.version;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** An artifact's versions, newest first. */
@Serdeable
record VersionList(List<VersionSummary> items) {
}
