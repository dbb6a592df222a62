package dev.agenticchat.notification.otp;

import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The arithmetic of failed code checks for one subject (an address, or a client IP): every
 * {@code threshold} failures lock it out, each lockout for the next duration of the ladder (the
 * last one repeats). A subject without a failure for the memory period starts afresh.
 */
final class Lockouts {
    /** A subject's record; {@code failures} count since its last lockout began. */
    record Failures(int failures, int lockouts, @Nullable Instant lockedUntil, Instant updatedAt) {
        static Failures none(Instant now) {
            return new Failures(0, 0, null, now);
        }

        boolean lockedAt(Instant now) {
            return lockedUntil != null && now.isBefore(lockedUntil);
        }
    }

    private Lockouts() {
    }

    /** What a stored record still counts for at {@code now}. */
    static Failures current(@Nullable Failures stored, Duration memory, Instant now) {
        if (stored == null || (!stored.lockedAt(now) && !stored.updatedAt().plus(memory).isAfter(now))) {
            return Failures.none(now);
        }
        return stored;
    }

    /** The record after one more failure at {@code now}. */
    static Failures afterFailure(Failures current, int threshold, List<Duration> ladder, Instant now) {
        int failures = current.failures() + 1;
        if (failures < threshold) {
            return new Failures(failures, current.lockouts(), current.lockedUntil(), now);
        }
        int lockouts = current.lockouts() + 1;
        Duration lock = ladder.get(Math.min(lockouts, ladder.size()) - 1);
        return new Failures(0, lockouts, now.plus(lock), now);
    }
}
