package dev.agenticchat.notification.otp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LockoutsTest {
    private static final List<Duration> LADDER = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
            Duration.ofHours(1));
    private static final Duration MEMORY = Duration.ofHours(24);
    private final Instant start = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void every_fifth_failure_locks_out_for_the_next_duration_of_the_ladder_and_the_last_one_repeats() {
        Lockouts.Failures failures = Lockouts.Failures.none(start);
        Instant now = start;
        for (Duration expected : List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1),
                Duration.ofHours(1))) {
            for (int i = 1; i <= 4; i++) {
                failures = Lockouts.afterFailure(Lockouts.current(failures, MEMORY, now), 5, LADDER, now);
                assertThat(failures.lockedAt(now)).isFalse();
            }
            failures = Lockouts.afterFailure(Lockouts.current(failures, MEMORY, now), 5, LADDER, now);
            assertThat(failures.lockedUntil()).isEqualTo(now.plus(expected));
            now = failures.lockedUntil();
            assertThat(failures.lockedAt(now)).isFalse();
        }
    }

    @Test
    void a_subject_without_failures_for_the_memory_period_starts_afresh_but_not_while_locked() {
        Lockouts.Failures locked = new Lockouts.Failures(0, 3, start.plus(Duration.ofDays(2)), start);

        assertThat(Lockouts.current(locked, MEMORY, start.plus(Duration.ofDays(1)))).isEqualTo(locked);
        assertThat(Lockouts.current(locked, MEMORY, start.plus(Duration.ofDays(2))).lockouts()).isZero();
        assertThat(Lockouts.current(new Lockouts.Failures(4, 2, null, start), MEMORY, start.plus(Duration.ofHours(23))).failures())
                .isEqualTo(4);
    }
}
