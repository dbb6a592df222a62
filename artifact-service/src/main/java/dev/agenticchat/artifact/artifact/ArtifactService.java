package dev.agenticchat.artifact.artifact;

import dev.agenticchat.artifact.artifact.ArtifactContents.Attempt;
import dev.agenticchat.artifact.metrics.ArtifactMetrics;
import dev.agenticchat.artifact.validation.ArtifactType;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.ArtifactCreated;
import dev.agenticchat.contracts.events.ArtifactDeleted;
import dev.agenticchat.contracts.events.ArtifactSnapshot;
import dev.agenticchat.support.identity.MergedUsers;
import dev.agenticchat.support.outbox.Outbox;
import dev.agenticchat.support.paging.PageCursor;
import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.web.ApiProblem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates artifacts (validate, store version 1, announce {@link ArtifactCreated} through the
 * outbox, all or nothing), reads and lists them for their owner, and deletes them
 * ({@link ArtifactDeleted}). An artifact made for a session that has since been linked to a
 * person (an agent's tool, late in a turn that started before the link) is the person's.
 */
@Singleton
class ArtifactService {
    static final int MAX_PAGE_SIZE = 200;
    private static final String LIST = "artifacts";

    private static final Logger LOG = LoggerFactory.getLogger(ArtifactService.class);

    private final ArtifactRepository artifacts;
    private final ArtifactContents contents;
    private final ArtifactViews views;
    private final Outbox outbox;
    private final MergedUsers merged;
    private final ArtifactMetrics metrics;

    ArtifactService(ArtifactRepository artifacts, ArtifactContents contents, ArtifactViews views, Outbox outbox,
                    MergedUsers merged, ArtifactMetrics metrics) {
        this.metrics = metrics;
        this.artifacts = artifacts;
        this.contents = contents;
        this.views = views;
        this.outbox = outbox;
        this.merged = merged;
    }

    /** What a create answers: the artifact, and whether an earlier request with the same key made it. */
    record Created(ArtifactView artifact, boolean replayed) {
    }

    /**
     * With {@code creationKey}, a second request carrying it (by the same owner) creates nothing and
     * answers the artifact the first made, whatever its body: the agent's re-run of a turn converges
     * on what the user was already shown.
     */
    @Transactional
    Created create(Caller creator, CreateArtifactRequest request, @Nullable String creationKey) {
        Caller caller = merged.owner(creator);
        if (creationKey != null) {
            artifacts.lockCreationKey(caller.tenantId(), caller.userId(), creationKey);
            Optional<StoredArtifact> earlier = artifacts.findCreatedWith(caller.tenantId(), caller.userId(), creationKey);
            if (earlier.isPresent()) {
                LOG.info("Artifact {} was created with this key before; answering it again", earlier.get().artifact().id());
                return new Created(views.full(earlier.get()), true);
            }
        }
        ArtifactType type = contents.knownType(request.type());
        String status = ArtifactContents.status(request.status(), ArtifactSnapshot.FINAL);
        Map<String, Object> content = contents.validated(type, request.content(), Attempt.create(type));

        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Artifact artifact = artifacts.save(new Artifact(UUID.randomUUID(), caller.tenantId(), caller.userId(),
                request.threadId(), request.turnId(), type.name(), (String) content.get("title"), status, 1, now, now));
        artifacts.insertVersion(artifact.id(), 1, contents.toJson(content), status, request.turnId(), now);
        if (creationKey != null) {
            artifacts.setCreationKey(artifact.id(), creationKey);
        }
        outbox.append(Topics.ARTIFACT_EVENTS,
                new ArtifactCreated(ArtifactEvents.snapshot(artifact, artifact.turnId(), content)),
                ArtifactEvents.context(artifact));
        metrics.created(type.name());
        LOG.info("Created {} artifact {} in thread {}", artifact.type(), artifact.id(), artifact.threadId());
        return new Created(views.full(new StoredArtifact(artifact, content)), false);
    }

    @ReadOnly
    Optional<ArtifactView> find(Caller caller, UUID id) {
        return artifacts.findOwned(caller.tenantId(), caller.userId(), id).map(views::full);
    }

    @ReadOnly
    ArtifactPage list(Caller caller, ListFilter filter, @Nullable String cursor, int limit) {
        PageCursor after = PageCursor.decode(LIST, cursor);
        List<StoredArtifact> found = artifacts.findOwnedPage(caller.tenantId(), caller.userId(), filter, after, limit + 1);
        boolean more = found.size() > limit;
        List<StoredArtifact> page = more ? found.subList(0, limit) : found;
        String next = more ? cursorAfter(page.get(page.size() - 1).artifact()) : null;
        return new ArtifactPage(page.stream().map(ArtifactView::of).toList(), next);
    }

    /** Where the next page starts: strictly after (older than) this artifact in the newest-first order. */
    private static String cursorAfter(Artifact artifact) {
        return new PageCursor(artifact.createdAt(), artifact.id()).encode(LIST);
    }

    /** Deletes the artifact with every version and share link, and announces it; someone else's is not found. */
    @Transactional
    void delete(Caller caller, UUID id) {
        Artifact artifact = artifacts.lockOwned(caller.tenantId(), caller.userId(), id)
                .orElseThrow(() -> ApiProblem.notFound("artifact " + id));
        artifacts.delete(artifact.id());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        outbox.append(Topics.ARTIFACT_EVENTS, new ArtifactDeleted(artifact.id().toString(), artifact.threadId(), now),
                ArtifactEvents.context(artifact));
        LOG.info("Deleted {} artifact {}", artifact.type(), artifact.id());
    }
}
