package dev.agenticchat.gateway.apidocs;

import dev.agenticchat.gateway.proxy.Routes;
import dev.agenticchat.support.web.ApiProblem;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The public API as one OpenAPI document: the gateway's own (written at build time into its jar) plus,
 * from each service behind it, the paths the gateway proxies there ({@link Routes}).
 *
 * <p>Merged at run time, not at build time: each service writes its document into its own jar, and the
 * gateway is built before them and deployed apart from them, so only the running services know which
 * version of their API is live. A service's document is read from its {@code /swagger/<service>.yml};
 * the merge is kept for {@code gateway.apidocs.cache-for}, and a service that does not answer makes
 * a 503 naming it rather than a document that silently lacks its paths.
 */
@Singleton
class PublicApi {
    static final String GATEWAY_DOCUMENT = "META-INF/swagger/gateway-service.yml";

    private final Routes routes;
    private final ApiDocsSettings settings;
    private final HttpClient http;
    private String cached;
    private Instant cachedAt = Instant.MIN;

    PublicApi(Routes routes, ApiDocsSettings settings) {
        this.routes = routes;
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.fetchTimeout()).build();
    }

    synchronized String yaml() {
        if (cached == null || Instant.now().isAfter(cachedAt.plus(settings.cacheFor()))) {
            cached = dump(merged());
            cachedAt = Instant.now();
        }
        return cached;
    }

    private Map<String, Object> merged() {
        Map<String, Map<String, Object>> services = new LinkedHashMap<>();
        for (Routes.Route route : routes.all()) {
            services.computeIfAbsent(route.service(), service -> fetch(service, route.target(
                    "/swagger/" + service + ".yml", null)));
        }
        return new DocumentMerge(routes.all()).merge(load(gatewayDocument()), services);
    }

    private Map<String, Object> fetch(String service, URI uri) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(settings.fetchTimeout()).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw unavailable(service, "it answered " + response.statusCode());
            }
            return load(response.body());
        } catch (IOException e) {
            throw unavailable(service, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(service, "interrupted");
        }
    }

    private static ApiProblem unavailable(String service, String why) {
        return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "API document unavailable",
                service + "'s OpenAPI document could not be read (" + why + "); try again when it is up", List.of());
    }

    private static String gatewayDocument() {
        try (InputStream in = PublicApi.class.getClassLoader().getResourceAsStream(GATEWAY_DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(GATEWAY_DOCUMENT + " is missing: micronaut-openapi writes it at build time");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(String yaml) {
        return (Map<String, Object>) new Yaml().load(yaml);
    }

    private static String dump(Map<String, Object> document) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(120);
        return new Yaml(options).dump(document);
    }
}
