package dev.agenticchat.artifact.share;

import dev.agenticchat.artifact.artifact.Artifact;
import dev.agenticchat.artifact.artifact.ArtifactEvents;
import dev.agenticchat.artifact.artifact.ArtifactRepository;
import dev.agenticchat.artifact.artifact.ArtifactViews;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.ArtifactShared;
import dev.agenticchat.support.outbox.Outbox;
import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.web.ApiProblem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Public read-only links to an artifact: made and revoked by its owner ({@link ArtifactShared}
 * announced through the outbox), resolved for anyone holding a live token.
 */
@Singleton
class ShareService {
    static final String PAGE_PATH = "/shared/";

    private static final Logger LOG = LoggerFactory.getLogger(ShareService.class);

    private final ArtifactRepository artifacts;
    private final ShareRepository shares;
    private final ArtifactViews views;
    private final Outbox outbox;

    ShareService(ArtifactRepository artifacts, ShareRepository shares, ArtifactViews views, Outbox outbox) {
        this.artifacts = artifacts;
        this.shares = shares;
        this.views = views;
        this.outbox = outbox;
    }

    @Transactional
    CreatedShareView create(Caller caller, UUID artifactId, @Nullable CreateShareRequest request) {
        Artifact artifact = owned(caller, artifactId);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant expiresAt = request == null ? null : expiry(request, now);
        String token = ShareTokens.newToken();
        UUID id = UUID.randomUUID();
        shares.insert(id, artifact.id(), ShareTokens.hash(token), now, expiresAt);
        outbox.append(Topics.ARTIFACT_EVENTS,
                new ArtifactShared(artifact.id().toString(), id.toString(), artifact.threadId(), expiresAt, now),
                ArtifactEvents.context(artifact));
        LOG.info("Shared artifact {} as link {} until {}", artifact.id(), id, expiresAt);
        return new CreatedShareView(id, token, PAGE_PATH + token, now, expiresAt);
    }

    @ReadOnly
    List<ShareView> list(Caller caller, UUID artifactId) {
        return shares.list(owned(caller, artifactId).id(), Instant.now());
    }

    @Transactional
    void revoke(Caller caller, UUID artifactId, UUID shareId) {
        Artifact artifact = owned(caller, artifactId);
        if (!shares.revoke(artifact.id(), shareId, Instant.now().truncatedTo(ChronoUnit.MICROS))) {
            throw ApiProblem.notFound("share " + shareId + " of artifact " + artifactId);
        }
        LOG.info("Revoked link {} of artifact {}", shareId, artifactId);
    }

    /** The current version behind a live link; a revoked, expired or unknown token finds nothing. */
    @ReadOnly
    Optional<SharedArtifactView> resolve(String token) {
        if (!ShareTokens.wellFormed(token)) {
            return Optional.empty();
        }
        return shares.findLiveArtifact(ShareTokens.hash(token), Instant.now())
                .flatMap(artifacts::findShared)
                .map(views::full)
                .map(SharedArtifactView::of);
    }

    private Artifact owned(Caller caller, UUID artifactId) {
        return artifacts.findOwnedArtifact(caller.tenantId(), caller.userId(), artifactId)
                .orElseThrow(() -> ApiProblem.notFound("artifact " + artifactId));
    }

    private static Instant expiry(CreateShareRequest request, Instant now) {
        if (request.expiresIn() != null && request.expiresAt() != null) {
            throw ApiProblem.badRequest("give expires_in or expires_at, not both", "expires_at");
        }
        Instant expiresAt;
        String field;
        if (request.expiresIn() != null) {
            field = "expires_in";
            expiresAt = now.plus(duration(request.expiresIn()));
        } else if (request.expiresAt() != null) {
            field = "expires_at";
            try {
                expiresAt = OffsetDateTime.parse(request.expiresAt()).toInstant().truncatedTo(ChronoUnit.MICROS);
            } catch (DateTimeParseException e) {
                throw ApiProblem.badRequest("expires_at \"" + request.expiresAt()
                        + "\" is not an RFC 3339 timestamp with an offset, e.g. 2025-11-10T09:00:00Z", "expires_at");
            }
        } else {
            return null;
        }
        if (!expiresAt.isAfter(now)) {
            throw ApiProblem.badRequest(field + " must lie in the future", field);
        }
        return expiresAt;
    }

    /** ISO 8601: a time-based duration (PT30M, PT24H, P2D) or a date-based period (P2W, P1M, P1Y). */
    private static Duration duration(String text) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException notTimeBased) {
            try {
                OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC);
                return Duration.between(start, start.plus(Period.parse(text)));
            } catch (DateTimeParseException e) {
                throw ApiProblem.badRequest("expires_in \"" + text
                        + "\" is not an ISO 8601 duration such as PT24H, P7D or P1M", "expires_in");
            }
        }
    }
}
