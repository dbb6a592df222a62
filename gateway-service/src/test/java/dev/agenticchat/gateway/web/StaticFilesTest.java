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
}
