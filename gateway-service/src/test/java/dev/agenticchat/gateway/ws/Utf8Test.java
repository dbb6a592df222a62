package dev.agenticchat.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {
    @Test
    void counts_what_a_frame_costs_in_utf8_bytes_not_in_java_chars() {
        for (String text : new String[] {"plain ascii", "naïve café", "日本語のテキスト", "emoji 😀🚀 and \uD83D (a lone surrogate)", ""}) {
            assertThat(Utf8.length(text)).as(text).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }
        String cjk = "語".repeat(1000);
        assertThat(Utf8.length(cjk)).as("three times its length: a queue counting chars would let it hold three times as much")
                .isEqualTo(3000);
    }
}
