package dev.agenticchat.artifact.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlugsTest {

    @Test
    void makes_a_file_name_of_lower_case_ascii_words() {
        assertThat(Slugs.of("Quarterly sales (k$) — 2025")).isEqualTo("quarterly-sales-k-2025");
        assertThat(Slugs.of("Café Crème")).isEqualTo("cafe-creme");
    }

    @Test
    void falls_back_to_artifact_and_keeps_names_short() {
        assertThat(Slugs.of("日本語")).isEqualTo("artifact");
        assertThat(Slugs.of("\"; rm -rf /")).isEqualTo("rm-rf");
        assertThat(Slugs.of("word ".repeat(30))).hasSizeLessThanOrEqualTo(60).doesNotEndWith("-");
    }
}
