package dev.agenticchat.support.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agenticchat.support.web.Problem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageCursorTest {
    private static final String LIST = "threads";
    private static final UUID ID = UUID.fromString("3f1c2b9e-5d7a-4c1e-9b8f-0a6d2e4c8b1f");

    @Test
    void a_cursor_gives_back_the_exact_position_it_was_made_from() {
        PageCursor position = new PageCursor(Instant.parse("2025-11-03T09:14:07.512345Z"), ID);

        assertThat(PageCursor.decode(LIST, position.encode(LIST))).isEqualTo(position);
    }

    @Test
    void a_cursor_keeps_nanoseconds_whole_seconds_and_the_far_ends_of_time() {
        for (Instant time : new Instant[] {Instant.parse("2025-11-03T09:14:07.123456789Z"), Instant.parse("2025-11-03T09:14:07Z"),
                Instant.EPOCH, Instant.parse("9999-12-31T00:00:00Z"), Instant.MIN, Instant.MAX}) {
            PageCursor position = new PageCursor(time, UUID.randomUUID());
            assertThat(PageCursor.decode(LIST, position.encode(LIST))).isEqualTo(position);
        }
    }

    @Test
    void a_sequence_cursor_gives_back_the_number_it_was_made_from() {
        for (long seq : new long[] {0, 1, 9_007_199_254_740_993L, Long.MAX_VALUE}) {
            assertThat(SequenceCursor.decode("messages", new SequenceCursor(seq).encode("messages"))).isEqualTo(new SequenceCursor(seq));
        }
    }

    @Test
    void no_cursor_or_a_blank_one_means_the_first_page() {
        assertThat(PageCursor.decode(LIST, null)).isNull();
        assertThat(PageCursor.decode(LIST, "")).isNull();
        assertThat(PageCursor.decode(LIST, "  ")).isNull();
        assertThat(SequenceCursor.decode("messages", null)).isNull();
        assertThat(SequenceCursor.decode("messages", "")).isNull();
    }

    @Test
    void cursors_are_url_safe_and_do_not_show_what_they_hold() {
        String cursor = new PageCursor(Instant.parse("2025-11-03T09:14:07Z"), ID).encode(LIST);

        assertThat(cursor).matches("[A-Za-z0-9_-]+").doesNotContain(ID.toString()).doesNotContain("2025").doesNotContain(LIST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a cursor!", "bogus", "abc=", "a", "%2F%2F", "dGhyZWFkcw==", "dGhy+ZWFk/cw", "....", "\u00e9t\u00e9"})
    void refuses_what_is_not_url_safe_base64_or_not_a_cursor_once_decoded(String garbage) {
        assertInvalid(() -> PageCursor.decode(LIST, garbage));
        assertInvalid(() -> SequenceCursor.decode(LIST, garbage));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"time\":\"2025-11-03T09:14:07Z\",\"id\":\"3f1c2b9e-5d7a-4c1e-9b8f-0a6d2e4c8b1f\"}",
            "[\"threads\",\"2025-11-03T09:14:07Z\",\"3f1c2b9e-5d7a-4c1e-9b8f-0a6d2e4c8b1f\"]",
            "threads 2025-11-03T09:14:07Z 3f1c2b9e-5d7a-4c1e-9b8f-0a6d2e4c8b1f",
            "|", "||", "threads", "threads|", "threads||",
            "threads|2025-11-03T09:14:07Z",
            "threads|2025-11-03T09:14:07Z|",
            "threads||3f1c2b9e-5d7a-4c1e-9b8f-0a6d2e4c8b1f",
            "threads|2025-11-03T09:14:07Z|3f1c2b9e-5d7a-4c1e-9b8f-0a6d2e4c8b1f|",
            "threads|2025-11-03T09:14:07Z|3f1c2b9e-5d7a-4c1e-9b8f-0a6d2e4c8b1f|extra",
            "threads|yesterday|3f1c2b9e-5d7a-4c1e-9b8f-0a6d2e4c8b1f",
            "threads|2025-13-03T09:14:07Z|3f1c2b9e-5d7a-4c1e-9b8f-0a6d2e4c8b1f",
            "threads|1762161247|3f1c2b9e-5d7a-4c1e-9b8f-0a6d2e4c8b1f",
            "threads|2025-11-03T09:14:07Z|42",
            "threads|2025-11-03T09:14:07Z|not-a-uuid",
            "threads|2025-11-03T09:14:07Z|1-1-1-1-1",
            "threads|2025-11-03T09:14:07Z|3F1C2B9E-5D7A-4C1E-9B8F-0A6D2E4C8B1F",
            "threads|2025-11-03T09:14:07.5Z|3f1c2b9e-5d7a-4c1e-9b8f-0a6d2e4c8b1f",
            "threads|3f1c2b9e-5d7a-4c1e-9b8f-0a6d2e4c8b1f|2025-11-03T09:14:07Z",
            "THREADS|2025-11-03T09:14:07Z|3f1c2b9e-5d7a-4c1e-9b8f-0a6d2e4c8b1f",
            "documents|2025-11-03T09:14:07Z|3f1c2b9e-5d7a-4c1e-9b8f-0a6d2e4c8b1f",
            " threads|2025-11-03T09:14:07Z|3f1c2b9e-5d7a-4c1e-9b8f-0a6d2e4c8b1f",
            "threads|2025-11-03T09:14:07Z|3f1c2b9e-5d7a-4c1e-9b8f-0a6d2e4c8b1f\n"})
    void refuses_well_encoded_text_that_is_not_a_position_of_this_list(String plain) {
        assertInvalid(() -> PageCursor.decode(LIST, base64(plain)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"messages", "messages|", "messages||", "messages|x", "messages|1.5", "messages|1e3", "messages|+7",
            "messages|007", "messages|99999999999999999999", "messages|7|8", "threads|7", "{\"seq\":7}"})
    void refuses_well_encoded_text_that_is_not_a_sequence_position_of_this_list(String plain) {
        assertInvalid(() -> SequenceCursor.decode("messages", base64(plain)));
    }

    @Test
    void a_cursor_of_one_list_is_refused_by_another_even_of_the_same_shape() {
        String threads = new PageCursor(Instant.now(), ID).encode(LIST);

        assertInvalid(() -> PageCursor.decode("documents", threads));
        assertInvalid(() -> SequenceCursor.decode("messages", threads));
        assertInvalid(() -> PageCursor.decode(LIST, new SequenceCursor(7).encode("messages")));
    }

    @Test
    void refuses_a_handed_out_cursor_padded_cut_short_or_lengthened() {
        String cursor = new PageCursor(Instant.parse("2025-11-03T09:14:07.512345Z"), ID).encode(LIST);
        String sequence = new SequenceCursor(7).encode("messages");
        String padded = Base64.getUrlEncoder().encodeToString(Base64.getUrlDecoder().decode(sequence));

        assertThat(padded).isEqualTo(sequence + "==");
        assertInvalid(() -> SequenceCursor.decode("messages", padded));
        for (int cut = 1; cut < cursor.length(); cut++) {
            String shorter = cursor.substring(0, cursor.length() - cut);
            assertInvalid(() -> PageCursor.decode(LIST, shorter));
        }
        for (String tail : new String[] {"A", "AA", "AAA", "AAAA", "fA", "-_"}) {
            assertInvalid(() -> PageCursor.decode(LIST, cursor + tail));
        }
    }

    @Test
    void refuses_stray_bits_after_the_last_byte_that_a_lenient_decoder_would_drop() {
        String cursor = new SequenceCursor(7).encode("messages");
        char last = cursor.charAt(cursor.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int value = alphabet.indexOf(last);
        int unusedBits = (cursor.length() % 4 == 2) ? 0b1111 : 0b11;
        String stray = cursor.substring(0, cursor.length() - 1) + alphabet.charAt(value | unusedBits);

        assertThat(stray).isNotEqualTo(cursor);
        assertInvalid(() -> SequenceCursor.decode("messages", stray));
    }

    @Test
    void refuses_a_huge_cursor_without_decoding_it() {
        String cursor = new PageCursor(Instant.now(), ID).encode(LIST);
        String huge = base64("threads|2025-11-03T09:14:07Z|" + "3f1c2b9e".repeat(1_000_000));

        assertInvalid(() -> PageCursor.decode(LIST, huge));
        assertInvalid(() -> PageCursor.decode(LIST, cursor + "A".repeat(CursorCodec.MAX_LENGTH)));
        assertInvalid(() -> SequenceCursor.decode("messages", "A".repeat(10_000_000)));
    }

    @Test
    void every_refusal_is_the_same_400_problem_naming_the_cursor_parameter() {
        InvalidCursor problem = new InvalidCursor();

        assertThat(problem.status().getCode()).isEqualTo(400);
        assertThat(problem.title()).isEqualTo("Bad request");
        assertThat(problem.getMessage()).isEqualTo("cursor is not one this list handed out; pass next_cursor from the previous page");
        assertThat(problem.errors()).containsExactly(new Problem.FieldError("cursor", problem.getMessage()));
    }

    @Test
    void a_list_name_that_could_break_the_encoding_is_a_programming_error() {
        assertThatThrownBy(() -> new PageCursor(Instant.now(), ID).encode("a|b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PageCursor.decode("", "abc")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String base64(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertInvalid(Runnable decode) {
        assertThatThrownBy(decode::run).isInstanceOfSatisfying(InvalidCursor.class, problem -> {
            assertThat(problem.status().getCode()).isEqualTo(400);
            assertThat(problem.title()).isEqualTo(InvalidCursor.TITLE);
            assertThat(problem.getMessage()).isEqualTo(InvalidCursor.DETAIL);
            assertThat(problem.errors()).singleElement().satisfies(error -> assertThat(error.field()).isEqualTo("cursor"));
        });
    }
}
