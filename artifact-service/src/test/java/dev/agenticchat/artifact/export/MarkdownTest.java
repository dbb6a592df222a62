package dev.agenticchat.artifact.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MarkdownTest {

    @Test
    void fences_code_with_its_language_under_its_title() {
        assertThat(Markdown.of("code", Map.of("title", "Hello", "language", "java", "code", "class A {}")))
                .isEqualTo("# Hello\n\n```java\nclass A {}\n```\n");
    }

    @Test
    void makes_the_fence_longer_than_any_backtick_run_inside_so_it_cannot_close_early() {
        assertThat(Markdown.fenced("a ``` b ```` c", "md")).isEqualTo("`````md\na ``` b ```` c\n`````\n");
    }

    @Test
    void fences_a_diagram_as_mermaid_and_keeps_the_heading_on_one_line() {
        assertThat(Markdown.of("diagram", Map.of("title", "Two\nlines", "mermaid", "graph TD; a-->b\n")))
                .isEqualTo("# Two lines\n\n```mermaid\ngraph TD; a-->b\n```\n");
    }
}
