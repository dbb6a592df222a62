package dev.agenticchat.agent.audit;

import dev.agenticchat.support.web.ApiProblem;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Which entries of the tenant's audit log a caller asks for: one agent (by slug), one type, a
 * time range. {@code from} and {@code to} are instants ({@code 2026-12-01T10:00:00Z}) or UTC
 * days ({@code 2026-12-01}: from its start; as {@code to}, through its end).
 */
record AuditFilter(@Nullable String agentSlug, @Nullable String type, @Nullable Instant from, @Nullable Instant to) {

    static AuditFilter of(@Nullable String agent, @Nullable String type, @Nullable String from, @Nullable String to) {
        if (type != null && !type.isBlank() && !AuditTypes.ALL.contains(type)) {
            throw ApiProblem.badRequest("must be one of " + AuditTypes.ALL.stream().sorted().toList(), "type");
        }
        Instant start = instant(from, "from", false);
        Instant end = instant(to, "to", true);
        if (start != null && end != null && !end.isAfter(start)) {
            throw ApiProblem.badRequest("must be after from", "to");
        }
        return new AuditFilter(blankToNull(agent), blankToNull(type), start, end);
    }

    @Nullable
    private static Instant instant(@Nullable String value, String field, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("must be a date (2026-12-01) or an instant (2026-12-01T10:00:00Z)", field);
        }
    }

    @Nullable
    private static String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
