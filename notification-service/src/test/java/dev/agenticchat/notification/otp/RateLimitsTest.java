package dev.agenticchat.notification.otp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitsTest {
    private static final Instant NOW = Instant.parse("2025-11-03T10:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(15);

    @Test
    void lets_a_request_through_while_the_window_holds_fewer_than_the_limit() {
        assertThat(RateLimits.waitBeforeNext(List.of(NOW.minusSeconds(60)), 2, WINDOW, NOW)).isEmpty();
    }

    @Test
    void makes_the_next_request_wait_until_enough_requests_leave_the_window() {
        List<Instant> times = List.of(NOW.minusSeconds(600), NOW.minusSeconds(300), NOW.minusSeconds(60));
        assertThat(RateLimits.waitBeforeNext(times, 3, WINDOW, NOW)).contains(Duration.ofSeconds(300));
        assertThat(RateLimits.waitBeforeNext(times, 2, WINDOW, NOW)).contains(Duration.ofSeconds(600));
    }
}
