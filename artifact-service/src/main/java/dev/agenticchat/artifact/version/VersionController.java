package dev.agenticchat.artifact.version;

import dev.agenticchat.artifact.artifact.ArtifactView;
import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.UUID;

/**
 * Versions of the caller's artifacts. {@code POST .../versions} is what agent-service's
 * {@code update_artifact} tool calls; {@code PATCH /api/artifacts/{id}} is a person's edit in the
 * app. Both take an optional {@code If-Match: "<version>"} and answer 412 when it is stale.
 */
@ProblemResponses
@Controller("/api/artifacts/{id}")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class VersionController {
    static final String MERGE_PATCH = "application/merge-patch+json";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";

    private final VersionService service;

    VersionController(VersionService service) {
        this.service = service;
    }

    /**
     * With an {@code Idempotency-Key} (at most 200 characters), repeating the request makes no version: it
     * answers the artifact as it is, with the first request's version as the location, marked
     * {@code Idempotent-Replayed: true}.
     */
    @Post(uri = "/versions", consumes = MediaType.APPLICATION_JSON)
    HttpResponse<ArtifactView> add(UUID id, @Body @Nullable String body,
                                   @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
                                   @Nullable @Header(IDEMPOTENCY_KEY) @Size(min = 1, max = 200) String idempotencyKey,
                                   Authentication authentication) {
        VersionService.Added added = service.add(Caller.of(authentication), id, RequestBodies.newVersion(body), ifMatch,
                idempotencyKey);
        ArtifactView view = added.artifact();
        MutableHttpResponse<ArtifactView> response = HttpResponse.created(view,
                        URI.create("/api/artifacts/" + id + "/versions/" + added.version()))
                .header(HttpHeaders.ETAG, ArtifactView.etag(view.version()));
        return added.replayed() ? response.header(REPLAYED, "true") : response;
    }

    @Patch(consumes = {MERGE_PATCH, MediaType.APPLICATION_JSON})
    HttpResponse<ArtifactView> patch(UUID id, @Body @Nullable String body,
                                     @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch, Authentication authentication) {
        ArtifactView view = service.patch(Caller.of(authentication), id, RequestBodies.documentPatch(body), ifMatch);
        return HttpResponse.ok(view).header(HttpHeaders.ETAG, ArtifactView.etag(view.version()));
    }

    @Get("/versions")
    VersionList list(UUID id, Authentication authentication) {
        return service.list(Caller.of(authentication), id);
    }

    @Get("/versions/{version}")
    VersionView version(UUID id, String version, Authentication authentication) {
        return service.find(Caller.of(authentication), id, VersionNumbers.parse(version, "version"));
    }

    @Get("/diff")
    DiffView diff(UUID id, @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                  Authentication authentication) {
        return service.diff(Caller.of(authentication), id, VersionNumbers.parse(from, "from"), VersionNumbers.parse(to, "to"));
    }
}
