package dev.agenticchat.gateway.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The web app's libraries (Chart.js, marked, DOMPurify, highlight.js, Mermaid) from their
 * WebJars on the classpath, at {@code /webjars/<name>/<version>/<file>}: nothing is loaded from
 * a CDN. The version is in the path, so a file never changes and may be cached for good.
 */
@Controller(WebJarsController.PREFIX)
@Secured(SecurityRule.IS_ANONYMOUS)
class WebJarsController {
    static final String PREFIX = "/webjars";
    static final String CLASSPATH_ROOT = "META-INF/resources/webjars/";
    /** Plain relative paths only: no '..', no backslash, no leading slash, no scheme. */
    private static final Pattern SAFE_PATH = Pattern.compile("(?:[A-Za-z0-9_@.+-]+/)*[A-Za-z0-9_@+-][A-Za-z0-9_@.+-]*");

    @Get("/{+path}")
    HttpResponse<StreamedFile> file(@PathVariable String path) {
        URL resource = isSafe(path) ? WebJarsController.class.getClassLoader().getResource(CLASSPATH_ROOT + path) : null;
        if (resource == null || isDirectory(resource)) {
            return HttpResponse.notFound();
        }
        return HttpResponse.ok(new StreamedFile(resource))
                .contentType(MediaType.forFilename(path))
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=31536000, immutable");
    }

    /** A folder of a WebJar (e.g. {@code chart.js/}) is found like a file; it is not served. */
    private static boolean isDirectory(URL resource) {
        try {
            URLConnection connection = resource.openConnection();
            if (connection instanceof JarURLConnection jar) {
                return jar.getJarEntry() == null || jar.getJarEntry().isDirectory();
            }
            return "file".equals(resource.getProtocol()) && Files.isDirectory(Path.of(resource.toURI()));
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return true;
        }
    }

    static boolean isSafe(String path) {
        return SAFE_PATH.matcher(path).matches() && !path.contains("..");
    }
}
