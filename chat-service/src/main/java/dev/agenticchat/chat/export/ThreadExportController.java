package dev.agenticchat.chat.export;

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
import java.io.InputStream;
import java.util.UUID;

/** Downloads of the caller's threads: {@code ?format=json|csv|md|html} (json when not given). */
@ProblemResponses
@Controller("/api/threads/{id}/export")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class ThreadExportController {
    private final ThreadExportService exports;

    ThreadExportController(ThreadExportService exports) {
        this.exports = exports;
    }

    @Get
    HttpResponse<InputStream> export(UUID id, @Nullable @QueryValue String format, Authentication authentication) {
        ThreadExport export = exports.export(Caller.of(authentication), id, format);
        MutableHttpResponse<InputStream> response = HttpResponse.ok(export.body())
                .contentType(export.contentType())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + export.filename() + "\"")
                .header("X-Content-Type-Options", "nosniff");
        return export.isHtml() ? response.header("Content-Security-Policy", HtmlTranscript.CONTENT_SECURITY_POLICY) : response;
    }
}
