package dev.agenticchat.artifact.export;

import dev.agenticchat.artifact.artifact.Artifact;
import dev.agenticchat.artifact.artifact.ArtifactRepository;
import dev.agenticchat.artifact.version.StoredVersion;
import dev.agenticchat.artifact.version.VersionNumbers;
import dev.agenticchat.artifact.version.VersionRepository;
import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;

/** Finds the caller's artifact version and has it rendered in the format asked for. */
@Singleton
class ExportService {
    private final ArtifactRepository artifacts;
    private final VersionRepository versions;
    private final ArtifactExporter exporter;

    ExportService(ArtifactRepository artifacts, VersionRepository versions, ArtifactExporter exporter) {
        this.artifacts = artifacts;
        this.versions = versions;
        this.exporter = exporter;
    }

    /** The current version, or version {@code version}; the format is checked before anything is read. */
    @ReadOnly
    ExportFile export(Caller caller, UUID id, @Nullable String format, @Nullable String version) {
        Artifact artifact = artifacts.findOwnedArtifact(caller.tenantId(), caller.userId(), id)
                .orElseThrow(() -> ApiProblem.notFound("artifact " + id));
        ExportFormat chosen = ArtifactExporter.format(artifact.type(), format);
        int number = version == null || version.isBlank() ? artifact.currentVersion()
                : VersionNumbers.parse(version, "version");
        StoredVersion stored = versions.find(artifact.id(), number).orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND,
                "Not found", "version " + number + " of artifact " + id + " does not exist; its versions are 1 to "
                + artifact.currentVersion(), List.of(new Problem.FieldError("version", "no version " + number))));
        return exporter.export(artifact, number, stored.content(), chosen);
    }
}
