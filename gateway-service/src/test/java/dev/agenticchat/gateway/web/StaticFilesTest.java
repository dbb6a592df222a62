package dev.agenticchat.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpMethod;
import org.junit.jupiter.api.Test;

class StaticFilesTest {
    @Test
    void accepts_plain_webjar_paths_only() {
        assertThat(WebJarsController.isSafe("chart.js/4.5.1/dist/chart.umd.min.js")).isTrue();
        assertThat(WebJarsController.isSafe("highlightjs/11.10.0/styles/github.min.css")).isTrue();
        assertThat(WebJarsController.isSafe("../application.yml")).isFalse();
        assertThat(WebJarsController.isSafe("chart.js/../../x")).isFalse();
        assertThat(WebJarsController.isSafe("/etc/passwd")).isFalse();
        assertThat(WebJarsController.isSafe("chart.js\\..\\x")).isFalse();
        assertThat(WebJarsController.isSafe("chart.js/")).isFalse();
        assertThat(WebJarsController.isSafe("file:x")).isFalse();
    }

    @Test
    void lets_anyone_read_the_app_and_its_libraries_but_nothing_else() {
        assertThat(StaticAccessRule.isPublic(HttpMethod.GET, "/")).isTrue();
        assertThat(StaticAccessRule.isPublic(HttpMethod.GET, "/assets/renderers/chart.js")).isTrue();
        assertThat(StaticAccessRule.isPublic(HttpMethod.HEAD, "/webjars/marked/16.4.1/lib/marked.umd.js")).isTrue();
        assertThat(StaticAccessRule.isPublic(HttpMethod.POST, "/assets/app.js")).isFalse();
        assertThat(StaticAccessRule.isPublic(HttpMethod.GET, "/api/me")).isFalse();
        assertThat(StaticAccessRule.isPublic(HttpMethod.GET, "/assetsx")).isFalse();
    }

    @Test
    void lets_anyone_open_an_agents_link_but_only_with_a_plain_slug() {
        assertThat(StaticAccessRule.isPublic(HttpMethod.GET, "/a/sales")).isTrue();
        assertThat(StaticAccessRule.isPublic(HttpMethod.HEAD, "/a/0-support-2")).isTrue();
        assertThat(StaticAccessRule.isPublic(HttpMethod.GET, "/a/" + "x".repeat(63))).isTrue();
        assertThat(StaticAccessRule.isPublic(HttpMethod.GET, "/a/" + "x".repeat(64))).isFalse();
        assertThat(StaticAccessRule.isPublic(HttpMethod.POST, "/a/sales")).isFalse();
        for (String path : new String[] {"/a/", "/a", "/a/-sales", "/a/Sales", "/a/bad slug", "/a/../api/me", "/a/sales/",
                "/a/sales/x", "/a/sales.html", "/a/%2e%2e", "/ab/sales", "/api/a/sales"}) {
            assertThat(StaticAccessRule.isPublic(HttpMethod.GET, path)).as(path).isFalse();
        }
    }

    @Test
    void lets_anyone_open_the_admin_page_and_its_sections_but_nothing_else_under_it() {
        for (String path : new String[] {"/admin", "/admin/agents", "/admin/usage", "/admin/mcp", "/admin/keys", "/admin/budgets", "/admin/audit"}) {
            assertThat(StaticAccessRule.isPublic(HttpMethod.GET, path)).as(path).isTrue();
        }
        assertThat(StaticAccessRule.isPublic(HttpMethod.POST, "/admin/agents")).isFalse();
        for (String path : new String[] {"/admin/", "/admin/x", "/admin/agents/x", "/admin/../api/me", "/administer", "/api/admin/tenants",
                "/admin.html"}) {
            assertThat(StaticAccessRule.isPublic(HttpMethod.GET, path)).as(path).isFalse();
        }
    }
}
