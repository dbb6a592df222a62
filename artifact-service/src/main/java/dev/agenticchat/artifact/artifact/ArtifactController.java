package dev.agenticchat.artifact.artifact;

import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.UUID;

/**
 * The caller's artifacts. The caller is a user's token, or a service credential acting on
 * a user's behalf (agent-service's artifact tools); either way only that user's artifacts
 * exist for it.
 */
@ProblemResponses
@Controller("/api/artifacts")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class ArtifactController {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private final ArtifactService service;
    private final ListQuery listQuery;

    ArtifactController(ArtifactService service, ListQuery listQuery) {
        this.service = service;
        this.listQuery = listQuery;
    }

    /**
     * With an {@code Idempotency-Key} (at most 200 characters), repeating the request creates nothing:
     * it answers the artifact the first one created, marked {@code Idempotent-Replayed: true}.
     */
    @Post
    HttpResponse<ArtifactView> create(@Body @Valid CreateArtifactRequest request,
                                      @Nullable @Header(IDEMPOTENCY_KEY) @Size(min = 1, max = 200) String idempotencyKey,
                                      Authentication authentication) {
        ArtifactService.Created created = service.create(Caller.of(authentication), request, idempotencyKey);
        ArtifactView artifact = created.artifact();
        MutableHttpResponse<ArtifactView> response = HttpResponse.created(artifact, URI.create("/api/artifacts/" + artifact.id()))
                .header(HttpHeaders.ETAG, ArtifactView.etag(artifact.version()));
        return created.replayed() ? response.header(REPLAYED, "true") : response;
    }

    /** Newest first; {@code q} searches the text of the current versions (web-search syntax: words, "phrases", -not). */
    @Get
    ArtifactPage list(@Nullable @QueryValue String type, @Nullable @QueryValue("thread_id") String threadId,
                      @Nullable @QueryValue String status, @Nullable @QueryValue String q,
                      @Nullable @QueryValue("created_after") String createdAfter,
                      @Nullable @QueryValue("created_before") String createdBefore,
                      @Nullable @QueryValue String cursor,
                      @QueryValue(defaultValue = "50") @Min(1) @Max(ArtifactService.MAX_PAGE_SIZE) int limit,
                      Authentication authentication) {
        ListFilter filter = listQuery.parse(type, threadId, status, q, createdAfter, createdBefore);
        return service.list(Caller.of(authentication), filter, cursor, limit);
    }

    /** Someone else's artifact answers exactly like one that does not exist. */
    @Get("/{id}")
    HttpResponse<ArtifactView> get(UUID id, Authentication authentication) {
        ArtifactView view = service.find(Caller.of(authentication), id)
                .orElseThrow(() -> ApiProblem.notFound("artifact " + id));
        return HttpResponse.ok(view).header(HttpHeaders.ETAG, ArtifactView.etag(view.version()));
    }

    @Delete("/{id}")
    HttpResponse<Void> delete(UUID id, Authentication authentication) {
        service.delete(Caller.of(authentication), id);
        return HttpResponse.status(HttpStatus.NO_CONTENT);
    }
}
