package dev.agenticchat.gateway.apidocs;

import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The merged public API ({@code GET /api/openapi.yml}) and Swagger UI over it ({@code GET /api/docs}),
 * both without a token: they describe the API, they hold no data.
 */
@ProblemResponses
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
class ApiDocsController {
    static final MediaType YAML = new MediaType("application/yaml");
    /**
     * The app's policy, but Swagger UI sets inline styles (its React components' style attributes): this
     * page alone may use them. Scripts stay 'self' only (the bundle and /assets/api-docs.js).
     */
    static final String DOCS_CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    private final PublicApi api;
    private final byte[] page;

    ApiDocsController(PublicApi api) {
        this.api = api;
        try (InputStream in = ApiDocsController.class.getClassLoader().getResourceAsStream("web/api-docs.html")) {
            if (in == null) {
                throw new IllegalStateException("web/api-docs.html is missing from the gateway's resources");
            }
            page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Operation(summary = "The public API: the gateway's paths and those it routes to each service, as OpenAPI 3")
    @Get(value = "/api/openapi.yml", produces = "application/yaml")
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<String> document() {
        return HttpResponse.ok(api.yaml()).contentType(YAML);
    }

    @Operation(summary = "Swagger UI over /api/openapi.yml")
    @Get(value = "/api/docs", produces = MediaType.TEXT_HTML)
    HttpResponse<byte[]> docs() {
        return HttpResponse.ok(page).contentType(MediaType.TEXT_HTML_TYPE)
                .header("Content-Security-Policy", DOCS_CONTENT_SECURITY_POLICY);
    }
}
