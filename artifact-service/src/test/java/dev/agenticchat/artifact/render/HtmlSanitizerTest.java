package dev.agenticchat.artifact.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlSanitizerTest {
    private final HtmlSanitizer sanitizer = new HtmlSanitizer();

    @Test
    void removes_scripts_event_handlers_frames_and_forms() {
        String clean = sanitizer.sanitize("<p onclick=\"x()\">Hi</p><script>x()</script><iframe src=\"https://e.example\"></iframe>"
                + "<form action=\"/steal\"><input name=\"p\"></form><svg onload=\"x()\"></svg>");

        assertThat(clean).isEqualTo("<p>Hi</p>");
    }

    @Test
    void keeps_static_markup_tables_and_safe_inline_styles() {
        assertThat(sanitizer.sanitize("<div style=\"color:red;background:url(https://t.example/x)\"><h2>T</h2>"
                + "<table><tr><td colspan=\"2\">c</td></tr></table></div>"))
                .contains("<h2>T</h2>", "<td colspan=\"2\">c</td>", "color:red").doesNotContain("url(", "t.example");
    }

    @Test
    void keeps_web_links_without_opener_or_referrer_and_drops_script_and_data_links() {
        assertThat(sanitizer.sanitize("<a href=\"https://example.com\">x</a>"))
                .contains("href=\"https://example.com\"", "noopener", "noreferrer");
        assertThat(sanitizer.sanitize("<a href=\"javascript:alert(1)\">x</a>")).doesNotContain("href");
        assertThat(sanitizer.sanitize("<a href=\"data:text/html,<script>x()</script>\">x</a>")).doesNotContain("href");
    }

    @Test
    void keeps_only_data_images_so_nothing_external_loads() {
        assertThat(sanitizer.sanitize("<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"dot\">"))
                .contains("src=\"data:image/png;base64,iVBORw0KGgo&#61;\"");
        assertThat(sanitizer.sanitize("<img src=\"https://tracker.example/p.png\">")).doesNotContain("tracker");
        assertThat(sanitizer.sanitize("<img src=\"data:image/svg+xml,<svg onload=x()>\">")).doesNotContain("svg");
    }
}
