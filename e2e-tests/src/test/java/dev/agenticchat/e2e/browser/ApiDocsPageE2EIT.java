package dev.agenticchat.e2e.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenticchat.e2e.RunningSuite;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Swagger UI at /api/docs, in a real browser: it renders the merged document under the page's own CSP. */
class ApiDocsPageE2EIT {
    private static RunningSuite suite;
    private static Browser browser;

    @BeforeAll
    static void start() {
        suite = RunningSuite.get();
        browser = Browser.start(Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void swagger_ui_shows_the_public_api_without_violating_its_content_security_policy() {
        browser.console();
        browser.driver().get(suite.origin() + "/api/docs");
        browser.waitUntil(Duration.ofSeconds(30), d -> browser.findAll(".opblock").size() > 50 ? true : null);

        assertThat(browser.find(".info .title").getText()).contains("agentic-chat public API");
        assertThat(browser.findAll(".opblock-summary-path")).extracting(element -> element.getAttribute("data-path"))
                .contains("/api/threads", "/api/agents", "/api/knowledge-bases", "/v1/chat/completions", "/chatkit");
        assertThat(browser.console()).as("Swagger UI runs under the docs page's CSP").doesNotContain("Content Security Policy");
    }
}
