package dev.agenticchat.artifact.version;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenticchat.artifact.artifact.Artifact;
import dev.agenticchat.artifact.artifact.ArtifactContents;
import dev.agenticchat.artifact.artifact.ArtifactContents.Attempt;
import dev.agenticchat.artifact.artifact.ArtifactEvents;
import dev.agenticchat.artifact.artifact.ArtifactRepository;
import dev.agenticchat.artifact.artifact.ArtifactView;
import dev.agenticchat.artifact.artifact.ArtifactViews;
import dev.agenticchat.artifact.artifact.StoredArtifact;
import dev.agenticchat.artifact.render.HtmlSanitizer;
import dev.agenticchat.artifact.validation.ArtifactType;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.ArtifactUpdated;
import dev.agenticchat.support.identity.MergedUsers;
import dev.agenticchat.support.outbox.Outbox;
import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * New versions of an artifact (validated like a new artifact, announced with
 * {@link ArtifactUpdated}, all or nothing) and its history: the versions, one version, the
 * difference between two.
 */
@Singleton
class VersionService {
    private static final Logger LOG = LoggerFactory.getLogger(VersionService.class);

    private final ArtifactRepository artifacts;
    private final VersionRepository versions;
    private final ArtifactContents contents;
    private final ArtifactViews views;
    private final HtmlSanitizer sanitizer;
    private final Outbox outbox;
    private final MergedUsers merged;

    VersionService(ArtifactRepository artifacts, VersionRepository versions, ArtifactContents contents,
                   ArtifactViews views, HtmlSanitizer sanitizer, Outbox outbox, MergedUsers merged) {
        this.artifacts = artifacts;
        this.versions = versions;
        this.contents = contents;
        this.views = views;
        this.sanitizer = sanitizer;
        this.outbox = outbox;
        this.merged = merged;
    }

    /** What adding a version answers: the artifact, and the version an earlier request with the same key made, if one did. */
    record Added(ArtifactView artifact, int version, boolean replayed) {
    }

    /**
     * A new version from complete content or a merge patch over the current content. With
     * {@code creationKey}, a request repeating it makes no version and answers the artifact as it is,
     * with the version the first made (checked before {@code If-Match}, which the first made stale):
     * the agent's re-run of a turn converges on what the user was already shown.
     */
    @Transactional
    Added add(Caller caller, UUID id, NewVersion request, @Nullable String ifMatch, @Nullable String creationKey) {
        Artifact artifact = lockOwned(caller, id);
        if (creationKey != null) {
            Optional<Integer> earlier = versions.madeWith(artifact.id(), creationKey);
            if (earlier.isPresent()) {
                LOG.info("Version {} of artifact {} was made with this key before; answering it again", earlier.get(), id);
                return new Added(views.full(new StoredArtifact(artifact, version(artifact, artifact.currentVersion(), "version").content())), earlier.get(), true);
            }
        }
        checkIfMatch(artifact, ifMatch);
        JsonNode content = request.content() != null ? request.content()
                : MergePatch.apply(currentContent(artifact), request.patch());
        ArtifactView stored = store(artifact, content, request.status(), request.turnId());
        if (creationKey != null) {
            versions.setCreationKey(artifact.id(), stored.version(), creationKey);
        }
        return new Added(stored, stored.version(), false);
    }

    /** A person's edit: a merge patch over the document {@code {"content": {...}, "status": ...}}. */
    @Transactional
    ArtifactView patch(Caller caller, UUID id, ObjectNode patch, @Nullable String ifMatch) {
        Artifact artifact = lock(caller, id, ifMatch);
        ObjectNode document = RequestBodies.JSON.createObjectNode();
        document.set("content", currentContent(artifact));
        document.put("status", artifact.status());
        JsonNode patched = MergePatch.apply(document, patch);
        JsonNode status = patched.get("status");
        if (status == null || !status.isTextual()) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid artifact",
                    "status must stay one of " + String.join(", ", ArtifactContents.STATUSES) + "; it cannot be removed.",
                    List.of(new Problem.FieldError("status", "must be one of " + String.join(", ", ArtifactContents.STATUSES))));
        }
        JsonNode content = patched.get("content");
        return store(artifact, content == null ? RequestBodies.JSON.nullNode() : content, status.asText(), null);
    }

    @ReadOnly
    VersionList list(Caller caller, UUID id) {
        return new VersionList(versions.list(owned(caller, id).id()));
    }

    @ReadOnly
    VersionView find(Caller caller, UUID id, int version) {
        Artifact artifact = owned(caller, id);
        StoredVersion stored = version(artifact, version, "version");
        String html = artifact.type().equals("html") && stored.content().get("html") instanceof String raw
                ? sanitizer.sanitize(raw) : null;
        VersionSummary summary = stored.summary();
        return new VersionView(artifact.id(), artifact.type(), String.valueOf(stored.content().get("title")),
                summary.version(), summary.status(), summary.turnId(), stored.content(), summary.createdAt(), html);
    }

    @ReadOnly
    DiffView diff(Caller caller, UUID id, int from, int to) {
        Artifact artifact = owned(caller, id);
        JsonNode before = tree(version(artifact, from, "from").content());
        JsonNode after = tree(version(artifact, to, "to").content());
        return new DiffView(artifact.id(), from, to, JsonDiff.between(before, after));
    }

    private ArtifactView store(Artifact artifact, JsonNode newContent, @Nullable String requestedStatus,
                               @Nullable String turnId) {
        ArtifactType type = contents.type(artifact.type());
        String status = ArtifactContents.status(requestedStatus, artifact.status());
        Map<String, Object> content = contents.validated(type, RequestBodies.JSON.convertValue(newContent, Object.class),
                Attempt.update(type));

        int previous = artifact.currentVersion();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Artifact updated = new Artifact(artifact.id(), artifact.tenantId(), artifact.userId(), artifact.threadId(),
                artifact.turnId(), artifact.type(), (String) content.get("title"), status, previous + 1,
                artifact.createdAt(), now);
        artifacts.insertVersion(updated.id(), updated.currentVersion(), contents.toJson(content), status, turnId, now);
        artifacts.advance(updated.id(), updated.currentVersion(), updated.title(), status, now);
        outbox.append(Topics.ARTIFACT_EVENTS,
                new ArtifactUpdated(ArtifactEvents.snapshot(updated, turnId, content), previous),
                ArtifactEvents.context(updated));
        LOG.info("Stored version {} of {} artifact {}", updated.currentVersion(), updated.type(), updated.id());
        return views.full(new StoredArtifact(updated, content));
    }

    /**
     * The owner's artifact, locked for the change; a stale {@code If-Match} is refused. The owner is
     * resolved first: an agent's turn that began before its session was linked edits the person's artifact.
     */
    private Artifact lock(Caller editor, UUID id, @Nullable String ifMatch) {
        Artifact artifact = lockOwned(editor, id);
        checkIfMatch(artifact, ifMatch);
        return artifact;
    }

    private Artifact lockOwned(Caller editor, UUID id) {
        Caller caller = merged.owner(editor);
        return artifacts.lockOwned(caller.tenantId(), caller.userId(), id)
                .orElseThrow(() -> ApiProblem.notFound("artifact " + id));
    }

    private static void checkIfMatch(Artifact artifact, @Nullable String ifMatch) {
        UUID id = artifact.id();
        if (ifMatch != null && !matches(ifMatch, artifact.currentVersion())) {
            throw new ApiProblem(HttpStatus.PRECONDITION_FAILED, "Precondition failed",
                    "artifact " + id + " is at version " + artifact.currentVersion() + ", not the one If-Match names ("
                            + ifMatch + "); read it again and apply your change to that version",
                    List.of(new Problem.FieldError("If-Match", "current version is " + ArtifactView.etag(artifact.currentVersion()))));
        }
    }

    /** {@code *}, or one of the listed entity tags, weak or strong, is the current version. */
    static boolean matches(String ifMatch, int version) {
        return Arrays.stream(ifMatch.split(","))
                .map(String::strip)
                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .anyMatch(tag -> tag.equals("*") || tag.equals(ArtifactView.etag(version)));
    }

    private Artifact owned(Caller caller, UUID id) {
        return artifacts.findOwnedArtifact(caller.tenantId(), caller.userId(), id)
                .orElseThrow(() -> ApiProblem.notFound("artifact " + id));
    }

    private StoredVersion version(Artifact artifact, int version, String field) {
        return versions.find(artifact.id(), version).orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "Not found",
                "version " + version + " of artifact " + artifact.id() + " does not exist; its versions are 1 to "
                        + artifact.currentVersion(),
                List.of(new Problem.FieldError(field, "no version " + version))));
    }

    private JsonNode currentContent(Artifact artifact) {
        return tree(version(artifact, artifact.currentVersion(), "version").content());
    }

    private static JsonNode tree(Map<String, Object> content) {
        return RequestBodies.JSON.valueToTree(content);
    }
}
