package dev.agenticchat.gateway.web;

import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * The tenant admins' pages, {@code /admin} and its sections {@code /admin/agents},
 * {@code /admin/usage}, {@code /admin/mcp}, {@code /admin/keys}, {@code /admin/budgets} and {@code /admin/audit}: one page (web/admin.html, scripts under
 * /assets) that shows the section its address names. The page is public like the app: it holds
 * no data, and the APIs it calls answer only the tenant's admins.
 */
@ProblemResponses
@Controller(AdminPageController.PREFIX)
@Secured(SecurityRule.IS_ANONYMOUS)
class AdminPageController {
    static final String PREFIX = "/admin";
    static final Set<String> SECTIONS = Set.of("agents", "usage", "mcp", "keys", "budgets", "audit");

    private final byte[] page;

    AdminPageController() {
        try (InputStream in = AdminPageController.class.getClassLoader().getResourceAsStream("web/admin.html")) {
            if (in == null) {
                throw new IllegalStateException("web/admin.html is missing from the gateway's resources");
            }
            page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<byte[]> home() {
        return html();
    }

    @Get(value = "/{section}", produces = MediaType.TEXT_HTML)
    HttpResponse<byte[]> section(@PathVariable String section) {
        return SECTIONS.contains(section) ? html() : HttpResponse.notFound();
    }

    private HttpResponse<byte[]> html() {
        return HttpResponse.ok(page).contentType(MediaType.TEXT_HTML_TYPE.getName() + ";charset=utf-8");
    }

    static boolean isAdminPage(String path) {
        return path.equals(PREFIX) || (path.startsWith(PREFIX + "/") && SECTIONS.contains(path.substring(PREFIX.length() + 1)));
    }
}
