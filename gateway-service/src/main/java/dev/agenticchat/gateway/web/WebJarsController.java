package dev.agenticchat.gateway.web;

import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The web app's libraries (Chart.js, marked, DOMPurify, highlight.js, Mermaid) from their
 * WebJars on the classpath, at {@code /webjars/<name>/<version>/<file>}: nothing is loaded from
 * a CDN. The version is in the path, so a file never changes and may be cached for good.
 */
@ProblemResponses
@Controller(WebJarsController.PREFIX)
@Secured(SecurityRule.IS_ANONYMOUS)
class WebJarsController {
    static final String PREFIX = "/webjars";
    static final String CLASSPATH_ROOT = "META-INF/resources/webjars/";
    /** Plain relative paths only: no '..', no backslash, no leading slash, no scheme. */
    static final String MODULE = "module";
    static final String MODULE_HEAD = "const module = { exports: {} };\nconst exports = module.exports;\n"
            + "const agenticWindowBefore = new Map(Object.getOwnPropertyNames(globalThis)"
            + ".map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)]));\n";
    static final String MODULE_TAIL = "\n;for (const name of Object.getOwnPropertyNames(globalThis)) {\n"
            + "  const before = agenticWindowBefore.get(name);\n"
            + "  if (!before) delete globalThis[name];\n"
            + "  else if ('value' in before && globalThis[name] !== before.value) Object.defineProperty(globalThis, name, before);\n"
            + "}\nexport default module.exports;\n";
    private static final MediaType JAVASCRIPT = new MediaType("text/javascript;charset=utf-8");
    private static final String FOREVER = "public, max-age=31536000, immutable";
    private static final Pattern SAFE_PATH = Pattern.compile("(?:[A-Za-z0-9_@.+-]+/)*[A-Za-z0-9_@+-][A-Za-z0-9_@.+-]*");

    @Get("/{+path}")
    HttpResponse<?> file(@PathVariable String path, @QueryValue("as") @Nullable String as) {
        URL resource = isSafe(path) ? WebJarsController.class.getClassLoader().getResource(CLASSPATH_ROOT + path) : null;
        if (resource == null || isDirectory(resource)) {
            return HttpResponse.notFound();
        }
        if (MODULE.equals(as) && path.endsWith(".js")) {
            return HttpResponse.ok(asModule(resource)).contentType(JAVASCRIPT).header(HttpHeaders.CACHE_CONTROL, FOREVER);
        }
        return HttpResponse.ok(new StreamedFile(resource))
                .contentType(MediaType.forFilename(path))
                .header(HttpHeaders.CACHE_CONTROL, FOREVER);
    }

    /**
     * A UMD bundle (Chart.js, highlight.js) as an ES module ({@code ?as=module}): its CommonJS
     * branch fills a module-scoped {@code module.exports}, the default export. So the renderers
     * import their libraries and nothing stays on {@code window}, which matters on a host site
     * that embeds the widget (and may have a Chart or hljs of its own): what the bundle adds to
     * window anyway (Chart.js sets {@code window.Chart} whatever the module system) is taken off
     * again, and a global it replaced is put back, before any other script runs.
     */
    private static byte[] asModule(URL resource) {
        try (InputStream in = resource.openStream()) {
            byte[] bundle = in.readAllBytes();
            byte[] head = MODULE_HEAD.getBytes(StandardCharsets.UTF_8);
            byte[] tail = MODULE_TAIL.getBytes(StandardCharsets.UTF_8);
            byte[] wrapped = new byte[head.length + bundle.length + tail.length];
            System.arraycopy(head, 0, wrapped, 0, head.length);
            System.arraycopy(bundle, 0, wrapped, head.length, bundle.length);
            System.arraycopy(tail, 0, wrapped, head.length + bundle.length, tail.length);
            return wrapped;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
