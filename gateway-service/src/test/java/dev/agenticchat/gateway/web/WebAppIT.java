package dev.agenticchat.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agenticchat.contracts.artifacts.ArtifactTypes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class WebAppIT {
    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"(/[^\"]+)\"");

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void serves_the_web_app_at_the_root_under_a_strict_content_security_policy() {
        HttpResponse<String> page = http.toBlocking().exchange(HttpRequest.GET("/"), String.class);

        assertThat(page.getStatus().getCode()).isEqualTo(200);
        assertThat(page.getContentType()).hasValueSatisfying(type -> assertThat(type.toString()).startsWith("text/html"));
        assertThat(page.getHeaders().get("Content-Security-Policy")).isEqualTo(SecurityHeaders.CONTENT_SECURITY_POLICY)
                .contains("script-src 'self'", "style-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'");
        assertThat(page.getHeaders().get("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.getHeaders().get("Referrer-Policy")).isEqualTo("no-referrer");
        String html = page.body();
        assertThat(html).contains("<script type=\"module\" src=\"/assets/app.js\"></script>");
        assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>").matcher(html).find()).as("no inline script").isFalse();
        assertThat(Pattern.compile("\\son[a-z]+=", Pattern.CASE_INSENSITIVE).matcher(html).find()).as("no inline handler").isFalse();
        assertThat(html).doesNotContain("style=\"").doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void serves_the_same_page_at_an_agents_link_whose_assets_resolve_from_there() {
        String root = http.toBlocking().retrieve("/");
        HttpResponse<String> page = http.toBlocking().exchange(HttpRequest.GET("/a/sales"), String.class);

        assertThat(page.getStatus().getCode()).isEqualTo(200);
        assertThat(page.getContentType()).hasValueSatisfying(type -> assertThat(type.toString()).startsWith("text/html"));
        assertThat(page.getHeaders().get("Content-Security-Policy")).isEqualTo(SecurityHeaders.CONTENT_SECURITY_POLICY);
        assertThat(page.body()).isEqualTo(root);
        for (Matcher m = ASSET.matcher(page.body()); m.find(); ) {
            assertThat(m.group(1)).as("an absolute path, the same from /a/sales as from /").matches("/(assets|webjars)/.*");
        }
        assertThat(Pattern.compile("(?:src|href)=\"(?!/)").matcher(page.body()).find()).as("no relative asset URL").isFalse();
    }

    @Test
    void serves_no_app_at_an_agents_link_without_a_plain_slug() {
        for (String path : List.of("/a/Bad%20Slug", "/a/-sales", "/a/sales/x", "/a/%2e%2e/api/me", "/a/" + "x".repeat(64))) {
            assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.GET(path), String.class))
                    .as(path)
                    .isInstanceOfSatisfying(HttpClientResponseException.class,
                            e -> assertThat(e.getStatus().getCode()).isIn(400, 401, 404));
        }
        assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.POST("/a/sales", "x"), String.class))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode()).isIn(401, 403, 405));
    }

    @Test
    void serves_every_script_and_stylesheet_of_the_page_from_the_gateway_without_a_token() {
        String html = http.toBlocking().retrieve("/");
        List<String> assets = new ArrayList<>();
        for (Matcher m = ASSET.matcher(html); m.find(); ) {
            assets.add(m.group(1));
        }
        assertThat(assets).contains("/assets/app.js", "/assets/app.css", "/webjars/highlightjs/11.10.0/styles/github.min.css");
        for (String asset : assets) {
            HttpResponse<String> response = http.toBlocking().exchange(HttpRequest.GET(asset), String.class);
            assertThat(response.getStatus().getCode()).as(asset).isEqualTo(200);
            String type = response.getContentType().orElseThrow().toString();
            String expected = asset.endsWith(".css") ? "text/css.*" : asset.endsWith(".svg") ? "image/svg\\+xml.*" : "(application|text)/javascript.*";
            assertThat(type).as(asset).matches(expected);
            assertThat(response.body()).as(asset).isNotBlank();
        }
        HttpResponse<String> library = http.toBlocking().exchange(HttpRequest.GET("/webjars/mermaid/11.6.0/dist/mermaid.min.js"), String.class);
        assertThat(library.getHeaders().get("Cache-Control")).contains("immutable");
    }

    @Test
    void serves_the_admin_page_at_each_of_its_sections_under_the_same_policy_with_its_assets() {
        String admin = http.toBlocking().retrieve("/admin");
        for (String path : List.of("/admin", "/admin/agents", "/admin/usage", "/admin/mcp", "/admin/keys", "/admin/budgets", "/admin/audit")) {
            HttpResponse<String> page = http.toBlocking().exchange(HttpRequest.GET(path), String.class);
            assertThat(page.getStatus().getCode()).as(path).isEqualTo(200);
            assertThat(page.getContentType()).hasValueSatisfying(type -> assertThat(type.toString()).startsWith("text/html"));
            assertThat(page.getHeaders().get("Content-Security-Policy")).as(path).isEqualTo(SecurityHeaders.CONTENT_SECURITY_POLICY);
            assertThat(page.body()).as(path).isEqualTo(admin);
        }
        assertThat(admin).contains("<script type=\"module\" src=\"/assets/admin.js\"></script>");
        assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>").matcher(admin).find()).as("no inline script").isFalse();
        assertThat(Pattern.compile("\\son[a-z]+=", Pattern.CASE_INSENSITIVE).matcher(admin).find()).as("no inline handler").isFalse();
        assertThat(admin).doesNotContain("style=\"").doesNotContain("http://").doesNotContain("https://");
        for (String asset : List.of("/assets/admin.js", "/assets/admin-agents.js", "/assets/admin-usage.js", "/assets/admin-audit.js",
                "/assets/admin-budgets.js", "/assets/admin-mcp.js", "/assets/admin-keys.js", "/assets/admin-forms.js", "/assets/admin.css")) {
            HttpResponse<String> response = http.toBlocking().exchange(HttpRequest.GET(asset), String.class);
            assertThat(response.getStatus().getCode()).as(asset).isEqualTo(200);
            assertThat(response.body()).as(asset).isNotBlank();
        }
        for (String path : List.of("/admin/nothing", "/admin/agents/x", "/admin/%2e%2e/api/me")) {
            assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.GET(path), String.class))
                    .as(path)
                    .isInstanceOfSatisfying(HttpClientResponseException.class,
                            e -> assertThat(e.getStatus().getCode()).isIn(400, 401, 404));
        }
    }

    @Test
    void has_a_renderer_module_for_every_artifact_type_of_the_contracts() {
        for (String type : ArtifactTypes.NAMES) {
            HttpResponse<String> module = http.toBlocking().exchange(HttpRequest.GET("/assets/renderers/" + type + ".js"), String.class);
            assertThat(module.getStatus().getCode()).as(type).isEqualTo(200);
            assertThat(module.body()).as(type).contains("type: '" + type + "'");
        }
    }

    @Test
    void serves_nothing_outside_the_webjars_folder() {
        for (String path : List.of("/webjars/../application.yml", "/webjars/%2e%2e/application.yml", "/webjars/chart.js/", "/webjars/chart.js/4.5.1/dist",
                "/webjars/chart.js/4.5.1/../../../application.yml", "/webjars/nothing-here.js")) {
            assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.GET(path), String.class))
                    .as(path)
                    .isInstanceOfSatisfying(HttpClientResponseException.class,
                            e -> assertThat(e.getStatus().getCode()).isIn(400, 401, 404));
        }
    }

    @Test
    void keeps_the_api_behind_a_token_and_adds_the_security_headers_to_its_answers() {
        assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.GET("/api/me"), String.class))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(401);
                    assertThat(e.getResponse().getHeaders().get("X-Content-Type-Options")).isEqualTo("nosniff");
                    assertThat(e.getResponse().getHeaders().get("Content-Security-Policy")).isNotBlank();
                });
        assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.POST("/assets/app.js", "x"), String.class))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode()).isIn(401, 403, 405));
    }
}
