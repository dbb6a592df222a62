package dev.agenticchat.gateway.widget;

import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code GET /widget.js}: the script a host site includes to embed the chat. Its address has no
 * version (the snippet stays the same across upgrades), so caches keep it five minutes and then
 * revalidate with its ETag; the modules it imports are the web app's own, cached as they are.
 */
@ProblemResponses
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
class WidgetScriptController {
    static final String RESOURCE = "widget/widget.js";
    static final MediaType JAVASCRIPT = new MediaType("text/javascript;charset=utf-8");
    static final String CACHE_CONTROL = "public, max-age=300, must-revalidate";

    private final byte[] script;
    private final String etag;

    WidgetScriptController() {
        try (InputStream in = WidgetScriptController.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            script = in.readAllBytes();
            etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(script), 0, 16) + "\"";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Get("/widget.js")
    HttpResponse<byte[]> script(@Header(HttpHeaders.IF_NONE_MATCH) @Nullable String ifNoneMatch) {
        if (etag.equals(ifNoneMatch)) {
            return HttpResponse.<byte[]>notModified().header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
        }
        return HttpResponse.ok(script).contentType(JAVASCRIPT)
                .header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
    }
}
