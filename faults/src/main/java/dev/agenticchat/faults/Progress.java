package dev.agenticchat.faults;

import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress lines on stderr, and the one pause the suite allows itself: a poll interval. */
final class Progress {
    private Progress() {
    }

    static void say(String format, Object... args) {
        System.err.printf("[faults %s] %s%n", LocalTime.now().truncatedTo(ChronoUnit.SECONDS), String.format(format, args));
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
