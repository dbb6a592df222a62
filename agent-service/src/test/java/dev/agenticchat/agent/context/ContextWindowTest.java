package dev.agenticchat.agent.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContextWindowTest {

    @Test
    void a_thread_that_fits_goes_in_whole_without_a_summary() {
        assertThat(ContextWindow.select(List.of(100, 200, 300), true, 600, 250)).isEqualTo(new ContextWindow(3, false));
        assertThat(ContextWindow.select(List.of(), true, 10, 250)).isEqualTo(new ContextWindow(0, false));
    }

    @Test
    void when_turns_drop_out_room_is_kept_for_the_summary_and_whole_turns_fit_newest_first() {
        // 600 available, 250 kept for the summary: 100 + 200 fit in 350, the third turn would not.
        assertThat(ContextWindow.select(List.of(100, 200, 300, 50), true, 600, 250)).isEqualTo(new ContextWindow(2, true));
    }

    @Test
    void a_turn_that_does_not_fit_stops_the_window_even_if_older_ones_would() {
        assertThat(ContextWindow.select(List.of(100, 900, 10, 10), true, 700, 100)).isEqualTo(new ContextWindow(1, true));
    }

    @Test
    void a_thread_read_only_in_part_always_needs_the_summary() {
        assertThat(ContextWindow.select(List.of(100, 100), false, 10_000, 250)).isEqualTo(new ContextWindow(2, true));
    }

    @Test
    void when_the_fixed_parts_take_the_whole_budget_no_turn_goes_in() {
        assertThat(ContextWindow.select(List.of(100), true, 50, 250)).isEqualTo(new ContextWindow(0, true));
        assertThat(ContextWindow.select(List.of(100), true, -20, 250)).isEqualTo(new ContextWindow(0, true));
    }
}
