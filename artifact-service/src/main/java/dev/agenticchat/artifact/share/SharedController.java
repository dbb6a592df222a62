package dev.agenticchat.artifact.share;

import dev.agenticchat.artifact.render.ArtifactPage;
import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/**
 * What a share link opens, without login: the artifact as JSON ({@code /api/shared/{token}}) or
 * as a standalone read-only page ({@code /shared/{token}}, strict CSP, no scripts). The token is a
 * secret in the URL: responses are not cached and send no referrer.
 */
@ProblemResponses
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class SharedController {
    private final ShareService service;
    private final ArtifactPage page;

    SharedController(ShareService service, ArtifactPage page) {
        this.service = service;
        this.page = page;
    }

    @Get("/api/shared/{token}")
    HttpResponse<SharedArtifactView> json(String token) {
        return notCached(HttpResponse.ok(resolve(token)));
    }

    @Get("/shared/{token}")
    @Produces(MediaType.TEXT_HTML + ";charset=utf-8")
    HttpResponse<String> page(String token) {
        SharedArtifactView artifact = resolve(token);
        return notCached(HttpResponse.ok(page.render(artifact.type(), artifact.title(), artifact.version(), artifact.content())))
                .header("Content-Security-Policy", ArtifactPage.CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY");
    }

    private SharedArtifactView resolve(String token) {
        return service.resolve(token).orElseThrow(() -> ApiProblem.notFound("shared artifact"));
    }

    private static <T> MutableHttpResponse<T> notCached(MutableHttpResponse<T> response) {
        return response.header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer");
    }
}
