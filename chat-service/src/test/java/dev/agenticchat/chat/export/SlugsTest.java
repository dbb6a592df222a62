package dev.agenticchat.chat.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlugsTest {

    @Test
    void a_title_becomes_lower_case_ascii_words_joined_by_dashes() {
        assertThat(Slugs.of("Quarterly sales: Q4 / 2025!", "x")).isEqualTo("quarterly-sales-q4-2025");
        assertThat(Slugs.of("Café Übersicht", "x")).isEqualTo("cafe-ubersicht");
        assertThat(Slugs.of("\"; rm -rf /\".html", "x")).isEqualTo("rm-rf-html");
    }

    @Test
    void a_long_title_is_cut_at_sixty_characters_and_one_with_no_letters_left_falls_back() {
        assertThat(Slugs.of("word ".repeat(30), "x")).hasSizeLessThanOrEqualTo(60).doesNotEndWith("-").startsWith("word-word");
        assertThat(Slugs.of("!!! ???", "thread-id")).isEqualTo("thread-id");
        assertThat(Slugs.of("日本語", "thread-id")).isEqualTo("thread-id");
    }
}
