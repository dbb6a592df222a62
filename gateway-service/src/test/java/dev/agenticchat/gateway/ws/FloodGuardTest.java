package dev.agenticchat.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FloodGuardTest {
    private static final long MS = 1_000_000L;

    /** Sends {@code perSecond} frames evenly spread over one second starting at {@code startMs}; true if all were allowed. */
    private static boolean second(FloodGuard guard, long startMs, int perSecond) {
        boolean allowed = true;
        for (int i = 0; i < perSecond; i++) {
            allowed &= guard.allow((startMs + i * 1000L / perSecond) * MS);
        }
        return allowed;
    }

    @Test
    void lets_a_client_stay_at_the_limit_forever() {
        FloodGuard guard = new FloodGuard(30, 3);
        for (int s = 0; s < 20; s++) {
            assertThat(second(guard, s * 1000L, 30)).isTrue();
        }
    }

    @Test
    void a_limit_of_zero_lets_every_frame_through() {
        FloodGuard guard = new FloodGuard(0, 3);
        for (int s = 0; s < 5; s++) {
            assertThat(second(guard, s * 1000L, 500)).isTrue();
        }
    }

    @Test
    void forgives_a_flood_shorter_than_the_sustain_time() {
        FloodGuard guard = new FloodGuard(30, 3);
        assertThat(second(guard, 0, 40)).isTrue();
        assertThat(second(guard, 1000, 40)).isTrue();
        assertThat(second(guard, 2000, 10)).isTrue();
        assertThat(second(guard, 3000, 40)).isTrue();
        assertThat(second(guard, 4000, 40)).isTrue();
        assertThat(second(guard, 5000, 10)).isTrue();
    }

    @Test
    void stops_a_client_over_the_limit_for_the_whole_sustain_time() {
        FloodGuard guard = new FloodGuard(30, 3);
        assertThat(second(guard, 0, 40)).isTrue();
        assertThat(second(guard, 1000, 40)).isTrue();
        assertThat(second(guard, 2000, 40)).isTrue();
        assertThat(guard.allow(3000 * MS)).isFalse();
    }

    @Test
    void restarts_the_streak_after_a_quiet_second() {
        FloodGuard guard = new FloodGuard(30, 3);
        assertThat(second(guard, 0, 40)).isTrue();
        assertThat(second(guard, 1000, 40)).isTrue();
        assertThat(second(guard, 3000, 40)).isTrue();
        assertThat(second(guard, 4000, 40)).isTrue();
        assertThat(guard.allow(5000 * MS)).isTrue();
    }

    @Test
    void stops_a_burst_of_ten_times_the_limit_at_once() {
        FloodGuard guard = new FloodGuard(30, 3);
        for (int i = 0; i < 300; i++) {
            assertThat(guard.allow(i * MS)).isTrue();
        }
        assertThat(guard.allow(301 * MS)).isFalse();
    }
}
