package dev.agenticchat.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agenticchat.gateway.fixtures.TestSocket;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embeddable widget's server side: each tenant's allowed origins (the operator's setting),
 * CORS on the widget's calls only for the tenant a call is about, the WebSocket's two-step Origin
 * check, and /widget.js itself. Requests are the JDK client's, which sends Origin and preflights
 * exactly as written (a browser would); the browser itself is in e2e-tests' WidgetE2EIT.
 */
@MicronautTest(transactional = false)
@Property(name = "gateway.admin.token", value = WidgetIT.ADMIN_TOKEN)
@Property(name = "gateway.ws.allowed-origins", value = "http://localhost:8080")
class WidgetIT {
    static final String ADMIN_TOKEN = "widget-admin-token-0123456789abcdef";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    private String shopA;
    private String shopB;
    private String tenantA;
    private String tenantB;

    /** Two tenants, each allowing its own shop (local origins: Micronaut refuses remote ones on a local server anyway). */
    @BeforeEach
    void tenants() throws Exception {
        int port = 20000 + (int) (Math.random() * 20000);
        shopA = "http://localhost:" + port;
        shopB = "http://localhost:" + (port + 1);
        tenantA = newTenant(List.of(shopA));
        tenantB = newTenant(List.of(shopB));
    }

    @Test
    void the_operator_sets_a_tenants_origins_normalized_and_refused_when_not_an_origin() throws Exception {
        Map<String, Object> changed = body(send("PATCH", "/api/admin/tenants/" + tenantA, admin(),
                Map.of("allowed_origins", List.of("HTTPS://Shop.Example:443/", "http://127.0.0.1:3000", "https://shop.example"))));
        assertThat(changed.get("allowed_origins")).as("normalized, once each, in order").isEqualTo(List.of("http://127.0.0.1:3000", "https://shop.example"));
        assertThat(body(send("GET", "/api/admin/tenants/" + tenantA, admin(), null)).get("allowed_origins"))
                .isEqualTo(List.of("http://127.0.0.1:3000", "https://shop.example"));

        HttpResponse<String> refused = send("PATCH", "/api/admin/tenants/" + tenantA, admin(), Map.of("allowed_origins",
                List.of("https://ok.example", "https://*.example", "https://shop.example/path", "ftp://shop.example", "null",
                        "https://user@shop.example", "https://shop.example?x=1")));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(refused.body()).doesNotContain("allowed_origins[0]").contains("allowed_origins[1]", "allowed_origins[2]",
                "allowed_origins[3]", "allowed_origins[4]", "allowed_origins[5]", "allowed_origins[6]");
        assertThat(body(send("GET", "/api/admin/tenants/" + tenantA, admin(), null)).get("allowed_origins"))
                .as("a refused change changes nothing").isEqualTo(List.of("http://127.0.0.1:3000", "https://shop.example"));

        String visitor = token(tenantA);
        assertThat(send("PATCH", "/api/admin/tenants/" + tenantA, visitor, Map.of("allowed_origins", List.of(shopB))).statusCode())
                .as("a visitor of the tenant").isEqualTo(403);
        assertThat(send("PATCH", "/api/admin/tenants/" + tenantA, null, Map.of("allowed_origins", List.of(shopB))).statusCode())
                .as("no token").isEqualTo(401);
    }

    @Test
    void answers_a_preflight_only_from_a_site_some_tenant_allows() throws Exception {
        HttpResponse<String> allowed = preflight("/api/auth/anonymous", "POST", shopA);
        assertThat(allowed.statusCode()).isEqualTo(204);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains(shopA);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods")).contains("POST");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers").orElseThrow()).contains("authorization", "content-type");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(allowed.headers().allValues("Vary")).contains("Origin");

        HttpResponse<String> stranger = preflight("/api/auth/anonymous", "POST", "http://localhost:9");
        assertThat(stranger.statusCode()).isEqualTo(403);
        assertThat(stranger.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        HttpResponse<String> notTheWidgets = preflight("/api/threads/x", "DELETE", shopA);
        assertThat(notTheWidgets.headers().firstValue("Access-Control-Allow-Origin")).as("a call the widget never makes").isEmpty();
        assertThat(preflight("/api/agents", "GET", shopA).headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void lets_a_site_read_a_session_of_the_tenant_that_allows_it_and_no_other() throws Exception {
        HttpResponse<String> own = send("POST", "/api/auth/anonymous", null, Map.of("tenant", tenantA), shopA);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.headers().firstValue("Access-Control-Allow-Origin")).contains(shopA);
        assertThat(own.headers().allValues("Vary")).contains("Origin");

        HttpResponse<String> other = send("POST", "/api/auth/anonymous", null, Map.of("tenant", tenantB), shopA);
        assertThat(other.statusCode()).as("the call itself works, the browser keeps the answer from the page").isEqualTo(200);
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(send("POST", "/api/auth/anonymous", null, Map.of("tenant", "default"), shopA)
                .headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        Object refreshToken = body(own).get("refresh_token");
        HttpResponse<String> refreshed = send("POST", "/api/auth/refresh", null, Map.of("refresh_token", refreshToken), shopA);
        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(refreshed.headers().firstValue("Access-Control-Allow-Origin")).contains(shopA);
        HttpResponse<String> refreshedElsewhere = send("POST", "/api/auth/refresh", null,
                Map.of("refresh_token", body(refreshed).get("refresh_token")), shopB);
        assertThat(refreshedElsewhere.headers().firstValue("Access-Control-Allow-Origin")).as("tenant B's site, tenant A's session").isEmpty();
    }

    @Test
    void lets_a_site_read_with_a_token_of_the_tenant_that_allows_it_and_no_other() throws Exception {
        String a = token(tenantA);
        String b = token(tenantB);
        HttpResponse<String> own = send("GET", "/api/threads", a, null, shopA);
        assertThat(own.headers().firstValue("Access-Control-Allow-Origin")).contains(shopA);
        assertThat(own.headers().firstValue("Access-Control-Expose-Headers").orElseThrow()).contains("etag");
        assertThat(send("GET", "/api/threads/t1/messages", a, null, shopA).headers().firstValue("Access-Control-Allow-Origin")).contains(shopA);
        assertThat(send("GET", "/api/artifacts/x", a, null, shopA).headers().firstValue("Access-Control-Allow-Origin")).contains(shopA);

        assertThat(send("GET", "/api/threads", b, null, shopA).headers().firstValue("Access-Control-Allow-Origin"))
                .as("another tenant's token").isEmpty();
        assertThat(send("GET", "/api/threads", null, null, shopA).headers().firstValue("Access-Control-Allow-Origin"))
                .as("no token").isEmpty();
        assertThat(send("GET", "/api/threads", forgedToken(tenantIdOf(a)), null, shopB).headers().firstValue("Access-Control-Allow-Origin"))
                .as("tenant A's claim from tenant B's site").isEmpty();
        assertThat(send("GET", "/api/me", a, null, shopA).headers().firstValue("Access-Control-Allow-Origin"))
                .as("not a call of the widget").isEmpty();
    }

    @Test
    void lets_an_allowed_site_import_the_web_apps_modules_and_no_one_else() throws Exception {
        HttpResponse<String> module = send("GET", "/assets/renderers/registry.js", null, null, shopA);
        assertThat(module.statusCode()).isEqualTo(200);
        assertThat(module.headers().firstValue("Access-Control-Allow-Origin")).contains(shopA);
        assertThat(send("GET", "/webjars/dompurify/3.3.0/dist/purify.es.mjs", null, null, shopB)
                .headers().firstValue("Access-Control-Allow-Origin")).contains(shopB);
        HttpResponse<String> stranger = send("GET", "/assets/renderers/registry.js", null, null, "http://localhost:9");
        assertThat(stranger.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(stranger.headers().allValues("Vary")).contains("Origin");
    }

    @Test
    void a_removed_origin_is_refused_at_once() throws Exception {
        assertThat(preflight("/api/auth/anonymous", "POST", shopA).statusCode()).isEqualTo(204);
        send("PATCH", "/api/admin/tenants/" + tenantA, admin(), Map.of("allowed_origins", List.of()));
        assertThat(preflight("/api/auth/anonymous", "POST", shopA).statusCode()).isEqualTo(403);
        assertThat(body(send("GET", "/api/admin/tenants/" + tenantA, admin(), null)).get("allowed_origins")).isEqualTo(List.of());
    }

    @Test
    void opens_the_socket_for_a_tenants_site_only_with_that_tenants_token() throws Exception {
        try (TestSocket own = TestSocket.open(ws(), shopA, json)) {
            own.send(Map.of("type", "auth", "token", token(tenantA)));
            own.awaitType("auth_ok");
        }
        try (TestSocket other = TestSocket.open(ws(), shopA, json)) {
            other.send(Map.of("type", "auth", "token", token(tenantB)));
            assertThat(other.awaitType("error")).containsEntry("code", "origin_not_allowed");
            assertThat(other.awaitClose()).isEqualTo(4403);
        }
        try (TestSocket webApp = TestSocket.open(ws(), "http://localhost:8080", json)) {
            webApp.send(Map.of("type", "auth", "token", token(tenantB)));
            webApp.awaitType("auth_ok");
        }
        assertThatThrownBy(() -> TestSocket.connect(ws(), "http://localhost:9", json).get(15, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
    }

    @Test
    void serves_the_widget_script_cacheable_and_revalidated() throws Exception {
        HttpResponse<String> script = send("GET", "/widget.js", null, null, null);
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
        assertThat(script.headers().firstValue("Cache-Control")).contains("public, max-age=300, must-revalidate");
        assertThat(script.body()).contains("attachShadow", "data-agentic-chat-widget", "/assets/renderers/registry.js");
        String etag = script.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(uri("/widget.js")).header("If-None-Match", etag).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);

        HttpResponse<String> chart = send("GET", "/webjars/chart.js/4.5.1/dist/chart.umd.min.js?as=module", null, null, null);
        assertThat(chart.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
        assertThat(chart.body()).startsWith("const module = { exports: {} };").endsWith("export default module.exports;\n");
    }

    // ---- helpers --------------------------------------------------------------------------

    private String newTenant(List<String> origins) throws Exception {
        String slug = "shop-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = send("POST", "/api/admin/tenants", admin(),
                Map.of("slug", slug, "name", "Shop", "allowed_origins", origins));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(body(created).get("allowed_origins")).isEqualTo(origins);
        return slug;
    }

    private String token(String tenant) throws Exception {
        return (String) body(send("POST", "/api/auth/anonymous", null, Map.of("tenant", tenant))).get("access_token");
    }

    private String tenantIdOf(String token) throws Exception {
        return (String) body(send("GET", "/api/me", token, null)).get("tenant_id");
    }

    /** An unsigned token claiming a tenant: the CORS check reads the claim, the service would refuse the token. */
    private static String forgedToken(String tenantId) {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\"}".getBytes()) + "."
                + b64.encodeToString(("{\"sub\":\"x\",\"tenant\":\"" + tenantId + "\"}").getBytes()) + ".";
    }

    private String admin() {
        return ADMIN_TOKEN;
    }

    private HttpResponse<String> preflight(String path, String method, String origin) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String token, Object body) throws IOException, InterruptedException {
        return send(method, path, token, body, null);
    }

    private HttpResponse<String> send(String method, String path, String token, Object body, String origin)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> body(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isLessThan(300);
        return json.readValue(response.body(), Map.class);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getPort() + path);
    }

    private URI ws() {
        return URI.create("ws://127.0.0.1:" + server.getPort() + "/ws");
    }
}
