package dev.agenticchat.chat.export;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Instants as a reader of a transcript reads them: to the second, in UTC. */
final class Times {
    private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Times() {
    }

    static String readable(Instant instant) {
        return READABLE.format(instant);
    }
}
