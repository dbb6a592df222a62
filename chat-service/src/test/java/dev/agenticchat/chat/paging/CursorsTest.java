package dev.agenticchat.chat.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agenticchat.support.web.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CursorsTest {

    @Test
    void a_thread_cursor_gives_back_the_exact_position_it_was_made_from() {
        Instant updatedAt = Instant.parse("2025-11-03T09:14:07.512345Z");
        UUID id = UUID.randomUUID();

        Cursors.ThreadPosition position = Cursors.thread(Cursors.afterThread(updatedAt, id));

        assertThat(position).isEqualTo(new Cursors.ThreadPosition(updatedAt, id));
    }

    @Test
    void a_message_cursor_gives_back_the_sequence_number_it_was_made_from() {
        assertThat(Cursors.message(Cursors.afterMessage(9_007_199_254_740_993L))).isEqualTo(9_007_199_254_740_993L);
    }

    @Test
    void cursors_are_url_safe_and_do_not_show_what_they_hold() {
        UUID id = UUID.randomUUID();
        String cursor = Cursors.afterThread(Instant.parse("2025-11-03T09:14:07Z"), id);

        assertThat(cursor).matches("[A-Za-z0-9_-]+").doesNotContain(id.toString());
    }

    @Test
    void rejects_a_cursor_that_is_not_base64_naming_the_cursor_parameter() {
        assertInvalid(() -> Cursors.message("not a cursor!"));
    }

    @Test
    void rejects_a_cursor_of_the_thread_list_on_a_message_history() {
        String threadCursor = Cursors.afterThread(Instant.now(), UUID.randomUUID());

        assertInvalid(() -> Cursors.message(threadCursor));
    }

    @Test
    void rejects_a_well_encoded_cursor_with_a_damaged_position() {
        String damaged = Base64.getUrlEncoder().encodeToString("t1|yesterday|42".getBytes(StandardCharsets.UTF_8));

        assertInvalid(() -> Cursors.thread(damaged));
    }

    private static void assertInvalid(Runnable decode) {
        assertThatThrownBy(decode::run).isInstanceOfSatisfying(ApiProblem.class, problem -> {
            assertThat(problem.status().getCode()).isEqualTo(400);
            assertThat(problem.errors()).singleElement().satisfies(error -> assertThat(error.field()).isEqualTo("cursor"));
        });
    }
}
