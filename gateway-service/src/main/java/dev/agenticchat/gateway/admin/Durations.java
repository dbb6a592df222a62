package dev.agenticchat.gateway.admin;

import dev.agenticchat.support.web.ApiProblem;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as operators write them: {@code 30m}, {@code 2h}, {@code 45s}, {@code 1d}, or ISO-8601 {@code PT30M}. */
final class Durations {
    private static final Pattern SHORT = Pattern.compile("^(\\d{1,6})(s|m|h|d)$");
    static final Duration MIN = Duration.ofSeconds(10);
    static final Duration MAX = Duration.ofDays(30);

    private Durations() {
    }

    static Duration parse(String text, String field) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        Duration duration;
        Matcher m = SHORT.matcher(value);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            duration = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                duration = Duration.parse(text.strip().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw ApiProblem.badRequest("must be a duration like 30m, 2h or PT30M", field);
            }
        }
        if (duration.compareTo(MIN) < 0 || duration.compareTo(MAX) > 0) {
            throw ApiProblem.badRequest("must be between 10s and 30d", field);
        }
        return duration;
    }

    static String format(Integer seconds) {
        return seconds == null ? null : Duration.ofSeconds(seconds).toString();
    }
}
