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
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Finds the caller's artifact version and has it rendered in the format asked for. */
@Singleton
class ExportService {
    private final ArtifactRepository artifacts;
    private final VersionRepository versions;
    private final ArtifactExporter exporter;
    private final TransactionOperations<Connection> transactions;

    ExportService(ArtifactRepository artifacts, VersionRepository versions, ArtifactExporter exporter,
                  TransactionOperations<Connection> transactions) {
        this.artifacts = artifacts;
        this.versions = versions;
        this.exporter = exporter;
        this.transactions = transactions;
    }

    /**
     * The current version, or version {@code version}; the format is checked before the version is read.
     * The read is its own short transaction, over before rendering starts: a PDF render takes up to
     * seconds, and a connection held through it would let a few exports drain the pool for every request.
     */
    ExportFile export(Caller caller, UUID id, @Nullable String format, @Nullable String version) {
        Found found = transactions.executeRead(status -> find(caller, id, format, version));
        return exporter.export(found.artifact(), found.number(), found.content(), found.format());
    }

    private Found find(Caller caller, UUID id, @Nullable String format, @Nullable String version) {
        Artifact artifact = artifacts.findOwnedArtifact(caller.tenantId(), caller.userId(), id)
                .orElseThrow(() -> ApiProblem.notFound("artifact " + id));
        ExportFormat chosen = ArtifactExporter.format(artifact.type(), format);
        int number = version == null || version.isBlank() ? artifact.currentVersion()
                : VersionNumbers.parse(version, "version");
        StoredVersion stored = versions.find(artifact.id(), number).orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND,
                "Not found", "version " + number + " of artifact " + id + " does not exist; its versions are 1 to "
                + artifact.currentVersion(), List.of(new Problem.FieldError("version", "no version " + number))));
        return new Found(artifact, number, stored.content(), chosen);
    }

    private record Found(Artifact artifact, int number, Map<String, Object> content, ExportFormat format) {
    }
}
