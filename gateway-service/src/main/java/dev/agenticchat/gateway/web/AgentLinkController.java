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
import java.util.regex.Pattern;

/**
 * Links to one agent of a tenant, {@code /a/<slug>} (e.g. {@code /a/sales}), open the web app
 * itself: its index.html, whose scripts and styles have absolute paths, so they load from any
 * page. The app reads the slug from its address and starts a new conversation with that agent.
 */
@ProblemResponses
@Controller(AgentLinkController.PREFIX)
@Secured(SecurityRule.IS_ANONYMOUS)
class AgentLinkController {
    static final String PREFIX = "/a";
    /** An agent's slug as agent-service accepts it. */
    static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final byte[] page;

    AgentLinkController() {
        try (InputStream in = AgentLinkController.class.getClassLoader().getResourceAsStream("public/index.html")) {
            if (in == null) {
                throw new IllegalStateException("public/index.html is missing from the gateway's resources");
            }
            page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get(value = "/{slug}", produces = MediaType.TEXT_HTML)
    HttpResponse<byte[]> app(@PathVariable String slug) {
        if (!SLUG.matcher(slug).matches()) {
            return HttpResponse.notFound();
        }
        return HttpResponse.ok(page).contentType(MediaType.TEXT_HTML_TYPE.getName() + ";charset=utf-8");
    }

    static boolean isAgentLink(String path) {
        return path.startsWith(PREFIX + "/") && SLUG.matcher(path.substring(PREFIX.length() + 1)).matches();
    }
}
