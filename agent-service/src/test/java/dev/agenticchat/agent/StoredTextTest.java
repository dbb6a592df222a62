package dev.agenticchat.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StoredTextTest {

    @Test
    void drops_every_nul_character_and_keeps_everything_else() {
        assertThat(StoredText.of("\u0000bad \u0000\u0000 char\u0000")).isEqualTo("bad  char");
    }

    @Test
    void leaves_text_without_nul_characters_as_it_is() {
        String text = "Grüße \uD83D\uDE00 \u0001 \\u0000";

        assertThat(StoredText.of(text)).isSameAs(text);
    }

    @Test
    void keeps_null_as_null() {
        assertThat(StoredText.of(null)).isNull();
    }
}
