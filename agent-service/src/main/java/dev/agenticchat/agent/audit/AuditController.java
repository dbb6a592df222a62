package dev.agenticchat.agent.audit;

import dev.agenticchat.support.paging.Page;
import dev.agenticchat.support.paging.PageCursor;
import dev.agenticchat.support.paging.PageLimit;
import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.util.List;

/**
 * The tenant's audit log for its admins (the gateway routes {@code /api/audit} here): a page
 * at a time, newest first, or as a download. An export holds at most {@value #EXPORT_MAX}
 * entries; when there are more, {@code X-Next-Cursor} names where the next export starts.
 */
@ProblemResponses
@Controller("/api/audit")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class AuditController {
    static final int EXPORT_MAX = 50_000;
    private static final String LIST = "audit";

    private final AuditService audit;
    private final JsonMapper json;

    AuditController(AuditService audit, JsonMapper json) {
        this.audit = audit;
        this.json = json;
    }

    @Get("/logs")
    Page<AuditView> logs(@Nullable @QueryValue String agent, @Nullable @QueryValue String type,
                         @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                         @Nullable @QueryValue String cursor, @Nullable @QueryValue Integer limit,
                         Authentication authentication) {
        Caller caller = Caller.of(authentication).requireTenantAdmin("The audit log");
        int size = PageLimit.of(limit);
        List<AuditEntry> rows = audit.find(caller, AuditFilter.of(agent, type, from, to), PageCursor.decode(LIST, cursor), size + 1);
        return Page.of(LIST, rows, size, row -> new PageCursor(row.occurredAt(), row.id()), AuditView::of);
    }

    @Get("/export")
    MutableHttpResponse<String> export(@Nullable @QueryValue String format, @Nullable @QueryValue String agent,
                                       @Nullable @QueryValue String type, @Nullable @QueryValue String from,
                                       @Nullable @QueryValue String to, @Nullable @QueryValue String cursor,
                                       Authentication authentication) {
        Caller caller = Caller.of(authentication).requireTenantAdmin("The audit log");
        String chosen = format == null || format.isBlank() ? "json" : format;
        if (!AuditExport.FORMATS.contains(chosen)) {
            throw ApiProblem.badRequest("must be one of " + AuditExport.FORMATS, "format");
        }
        List<AuditEntry> rows = audit.find(caller, AuditFilter.of(agent, type, from, to), PageCursor.decode(LIST, cursor),
                EXPORT_MAX + 1);
        Page<AuditView> page = Page.of(LIST, rows, EXPORT_MAX, row -> new PageCursor(row.occurredAt(), row.id()), AuditView::of);
        boolean csv = "csv".equals(chosen);
        MutableHttpResponse<String> response = HttpResponse
                .ok(csv ? AuditExport.csv(json, page.items()) : AuditExport.json(json, page.items()))
                .contentType(csv ? new MediaType("text/csv; charset=utf-8") : MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-log." + chosen + "\"");
        if (page.nextCursor() != null) {
            response.header("X-Next-Cursor", page.nextCursor());
        }
        return response;
    }
}
