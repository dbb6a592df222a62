package dev.agenticchat.agent.usage;

import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The period and grouping a usage report is asked for: from (inclusive) to (exclusive). An ISO
 * date is a whole UTC day ({@code to=2026-12-01} includes that day), an instant is exact. By
 * default the period ends now and starts 29 days before today began: the last 30 days, today
 * included. A period is at most {@link #MAX_DAYS} days long.
 */
record UsageQuery(Instant from, Instant to, GroupBy groupBy) {
    static final int MAX_DAYS = 366;
    static final int DEFAULT_DAYS = 30;
    static final GroupBy DEFAULT_GROUP_BY = GroupBy.DAY;
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final String TIME_FORMAT = "must be an ISO date (2026-12-01) or instant (2026-12-01T08:00:00Z)";

    /** The query of the request's parameters, or a 400 problem naming every parameter at fault. */
    static UsageQuery parse(@Nullable String from, @Nullable String to, @Nullable String groupBy, Instant now) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Instant end = blank(to) ? now : bound(to, true, "to", errors);
        Instant start = blank(from) ? defaultStart(end) : bound(from, false, "from", errors);
        GroupBy by = blank(groupBy) ? DEFAULT_GROUP_BY : GroupBy.of(groupBy).orElse(null);
        if (by == null) {
            errors.add(new Problem.FieldError("group_by", "must be one of " + String.join(", ", GroupBy.NAMES)));
        }
        if (start != null && end != null) {
            if (!start.isBefore(end)) {
                errors.add(new Problem.FieldError("to", "must be after from"));
            } else if (Duration.between(start, end).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
                errors.add(new Problem.FieldError("to", "must be at most " + MAX_DAYS + " days after from"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Bad request", "the usage period or grouping is not valid", errors);
        }
        return new UsageQuery(start, end, by);
    }

    /** The UTC days the period touches, first to last. */
    List<LocalDate> days() {
        List<LocalDate> days = new ArrayList<>();
        LocalDate last = LocalDate.ofInstant(to.minusNanos(1), ZoneOffset.UTC);
        for (LocalDate day = LocalDate.ofInstant(from, ZoneOffset.UTC); !day.isAfter(last); day = day.plusDays(1)) {
            days.add(day);
        }
        return days;
    }

    private static Instant defaultStart(@Nullable Instant end) {
        if (end == null) {
            return null;
        }
        LocalDate lastDay = LocalDate.ofInstant(end.minusNanos(1), ZoneOffset.UTC);
        return lastDay.minusDays(DEFAULT_DAYS - 1L).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** A date is its day's start, or for the end of the period, the next day's start. */
    @Nullable
    private static Instant bound(String value, boolean end, String field, List<Problem.FieldError> errors) {
        try {
            if (DATE.matcher(value).matches()) {
                LocalDate day = LocalDate.parse(value);
                return (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, TIME_FORMAT));
            return null;
        }
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
