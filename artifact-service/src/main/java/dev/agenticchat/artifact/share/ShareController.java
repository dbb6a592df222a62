package dev.agenticchat.artifact.share;

import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/** The share links of the caller's artifacts. */
@ProblemResponses
@Controller("/api/artifacts/{id}/shares")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class ShareController {
    private final ShareService service;

    ShareController(ShareService service) {
        this.service = service;
    }

    @Post
    HttpResponse<CreatedShareView> create(UUID id, @Body @Nullable CreateShareRequest request,
                                          Authentication authentication) {
        CreatedShareView created = service.create(Caller.of(authentication), id, request);
        return HttpResponse.created(created, URI.create("/api/artifacts/" + id + "/shares/" + created.id()))
                .header("Cache-Control", "no-store");
    }

    @Get
    List<ShareView> list(UUID id, Authentication authentication) {
        return service.list(Caller.of(authentication), id);
    }

    @Delete("/{shareId}")
    HttpResponse<Void> revoke(UUID id, UUID shareId, Authentication authentication) {
        service.revoke(Caller.of(authentication), id, shareId);
        return HttpResponse.status(HttpStatus.NO_CONTENT);
    }
}
