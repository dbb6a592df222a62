package dev.agenticchat.gateway.privacy;

import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code /privacy/delete}: the public page of the erasure flow (its script is /assets/privacy.js). */
@ProblemResponses
@Controller("/privacy")
@Secured(SecurityRule.IS_ANONYMOUS)
class PrivacyPageController {
    private final byte[] page;

    PrivacyPageController() {
        try (InputStream in = PrivacyPageController.class.getClassLoader().getResourceAsStream("privacy/delete.html")) {
            if (in == null) {
                throw new IllegalStateException("privacy/delete.html is missing from the gateway's resources");
            }
            page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get(value = "/delete", produces = MediaType.TEXT_HTML)
    HttpResponse<byte[]> delete() {
        return HttpResponse.ok(page).contentType(MediaType.TEXT_HTML_TYPE.getName() + ";charset=utf-8");
    }
}
