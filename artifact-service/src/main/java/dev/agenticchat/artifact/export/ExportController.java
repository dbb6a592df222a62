package dev.agenticchat.artifact.export;

import dev.agenticchat.artifact.render.ArtifactPage;
import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.util.UUID;

/** Downloads of the caller's artifacts: {@code ?format=json|csv|md|html|pdf}, the current version or {@code &version=n}. */
@ProblemResponses
@Controller("/api/artifacts/{id}/export")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class ExportController {
    private final ExportService service;

    ExportController(ExportService service) {
        this.service = service;
    }

    @Get
    HttpResponse<byte[]> export(UUID id, @Nullable @QueryValue String format, @Nullable @QueryValue String version,
                                Authentication authentication) {
        ExportFile file = service.export(Caller.of(authentication), id, format, version);
        MutableHttpResponse<byte[]> response = HttpResponse.ok(file.bytes())
                .contentType(file.contentType())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file.filename() + "\"")
                .header("X-Content-Type-Options", "nosniff");
        return file.contentType().startsWith("text/html")
                ? response.header("Content-Security-Policy", ArtifactPage.CONTENT_SECURITY_POLICY) : response;
    }
}
