package dev.agenticchat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The published API: each service's OpenAPI document, the gateway's merged one and its Swagger UI,
 * all read without a token, as a client team would read them.
 */
class ApiDocsE2EIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The gateway's own public routes a client uses: sign-in, keys, tenants, the streams, ChatKit, the OpenAI API. */
    private static final List<String> GATEWAY_ROUTES = List.of("/api/auth/anonymous", "/api/auth/refresh",
            "/api/auth/otp/request", "/api/auth/otp/verify", "/api/auth/stream-cookie", "/api/me", "/api/api-keys",
            "/api/api-keys/{id}", "/api/admin/tenants", "/api/admin/tenants/{slug}", "/api/streams/{streamId}",
            "/api/threads/{threadId}/events", "/api/privacy/erasures", "/chatkit", "/v1/chat/completions", "/v1/models",
            "/.well-known/jwks.json");
    private static RunningSuite suite;

    @BeforeAll
    static void startSuite() {
        suite = RunningSuite.get();
    }

    record Route(String prefix, String service) {
    }

    @Test
    void every_service_publishes_an_openapi_3_document_listing_the_paths_the_gateway_routes_to_it() throws Exception {
        for (String service : RunningSuite.SERVICES) {
            HttpResponse<String> response = get(suite.url(service) + "/swagger/" + service + ".yml");
            assertThat(response.statusCode()).as(service).isEqualTo(200);
            Map<String, Object> document = new Yaml().load(response.body());
            assertThat(String.valueOf(document.get("openapi"))).as(service).startsWith("3.");
            assertThat(map(document, "info")).containsEntry("title", service);
            assertThat(map(map(document, "components"), "securitySchemes")).containsKey("bearer");
            for (Route route : routes()) {
                if (route.service().equals(service)) {
                    assertThat(map(document, "paths").keySet()).as(service + " documents " + route.prefix())
                            .anyMatch(path -> path.equals(route.prefix()) || path.startsWith(route.prefix() + "/"));
                }
            }
        }
    }

    @Test
    void the_gateway_serves_every_proxied_prefix_and_its_own_routes_as_one_document_with_problem_json_errors()
            throws Exception {
        HttpResponse<String> response = get(suite.gateway() + "/api/openapi.yml");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/yaml"));
        Map<String, Object> document = new Yaml().load(response.body());
        assertThat(String.valueOf(document.get("openapi"))).startsWith("3.");
        Map<String, Object> paths = map(document, "paths");

        List<String> missing = new ArrayList<>();
        for (Route route : routes()) {
            if (paths.keySet().stream().noneMatch(path -> path.equals(route.prefix()) || path.startsWith(route.prefix() + "/"))) {
                missing.add(route.prefix() + " (" + route.service() + ")");
            }
        }
        GATEWAY_ROUTES.stream().filter(route -> !paths.containsKey(route)).forEach(missing::add);
        assertThat(missing).as("routes missing from /api/openapi.yml").isEmpty();
        assertThat(paths.keySet()).noneMatch(path -> path.startsWith("/internal/") || path.startsWith("/swagger/"));

        // Posting to a thread is the gateway's (message plus stream), reading its messages chat-service's.
        Map<String, Object> threadMessages = map(paths, "/api/threads/{threadId}/messages");
        assertThat(threadMessages).containsKeys("get", "post");
        assertThat(response.body()).contains("stream_id");

        Map<String, Object> problem = map(map(map(document, "components"), "schemas"), "Problem");
        assertThat(map(problem, "properties")).containsKeys("type", "title", "status", "detail", "instance", "errors");
        Map<String, Object> threads = map(map(paths, "/api/threads"), "post");
        assertThat(map(map(map(threads, "responses"), "4XX"), "content")).containsKey("application/problem+json");
        assertThat(map(map(map(threads, "responses"), "5XX"), "content")).containsKey("application/problem+json");

        // The same document for a signed-in caller: a token neither hides nor adds anything.
        String token = new Api(suite).anonymousSession().accessToken();
        HttpResponse<String> signedIn = HTTP.send(HttpRequest.newBuilder(URI.create(suite.gateway() + "/api/openapi.yml"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(signedIn.body()).isEqualTo(response.body());
    }

    @Test
    void swagger_ui_is_served_from_its_webjar_and_only_its_page_may_use_inline_styles() throws Exception {
        HttpResponse<String> page = get(suite.gateway() + "/api/docs");
        assertThat(page.statusCode()).isEqualTo(200);
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("style-src 'self' 'unsafe-inline'").contains("script-src 'self';").doesNotContain("unsafe-eval");
        for (String asset : List.of("/webjars/swagger-ui/5.35.0/swagger-ui-bundle.js", "/webjars/swagger-ui/5.35.0/swagger-ui.css",
                "/assets/api-docs.js")) {
            assertThat(page.body()).contains(asset);
            assertThat(get(suite.gateway() + asset).statusCode()).as(asset).isEqualTo(200);
        }
        assertThat(get(suite.gateway() + "/assets/api-docs.js").body()).contains("/api/openapi.yml");

        HttpResponse<String> app = get(suite.gateway() + "/");
        assertThat(app.headers().firstValue("Content-Security-Policy").orElseThrow()).doesNotContain("unsafe-inline");
    }

    /** The gateway's routing table itself (proxy/Routes from its jar), so a new route without a document fails here. */
    @SuppressWarnings("unchecked")
    private static List<Route> routes() throws Exception {
        Class<?> urls = Class.forName("dev.agenticchat.gateway.config.ServiceUrls");
        URI any = URI.create("http://127.0.0.1:1");
        Object serviceUrls = urls.getDeclaredConstructors()[0].newInstance(any, any, any, any, any);
        Constructor<?> constructor = Class.forName("dev.agenticchat.gateway.proxy.Routes").getDeclaredConstructor(urls);
        constructor.setAccessible(true);
        Object routes = constructor.newInstance(serviceUrls);
        List<Route> all = new ArrayList<>();
        for (Object route : (List<Object>) routes.getClass().getMethod("all").invoke(routes)) {
            Method prefix = route.getClass().getMethod("prefix");
            Method service = route.getClass().getMethod("service");
            all.add(new Route((String) prefix.invoke(route), (String) service.invoke(route)));
        }
        assertThat(all).hasSizeGreaterThan(10);
        return all;
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertThat(parent).containsKey(key);
        return (Map<String, Object>) parent.get(key);
    }
}
