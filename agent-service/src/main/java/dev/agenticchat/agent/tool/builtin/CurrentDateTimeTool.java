package dev.agenticchat.agent.tool.builtin;

import dev.agenticchat.agent.tool.AgentTool;
import dev.agenticchat.agent.tool.ToolArguments;
import dev.agenticchat.agent.tool.ToolContext;
import dev.agenticchat.agent.tool.ToolOutcome;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code current_datetime}: what time it is now, in an IANA time zone (UTC unless the model
 * names one), since a model knows neither today's date nor the user's clock. The answer gives
 * the local date-time with its offset, the zone, the weekday and the UTC instant, to the
 * second. Only region ids (Europe/Paris) and UTC are accepted, no offsets or abbreviations
 * such as CET, which name no place's rules.
 */
@Singleton
class CurrentDateTimeTool implements AgentTool {
    static final String NAME = "current_datetime";
    private static final int MAX_ZONE = 64;
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final String EXAMPLES = "UTC, Europe/Berlin, America/New_York, Asia/Tokyo";

    private final Clock clock;
    private final JsonMapper json;
    private final ToolSpecification specification = ToolSpecification.builder()
            .name(NAME)
            .description("Returns the current date and time in a time zone: the local date-time with its UTC offset, the "
                    + "weekday and the UTC instant. Use it whenever the answer depends on today's date or the time, e.g. "
                    + "to count days until a date.")
            .parameters(JsonObjectSchema.builder()
                    .addProperty("time_zone", JsonRawSchema.from("""
                            {"type":"string","minLength":1,"maxLength":64,"default":"UTC","description":"An IANA time zone id such as Europe/Berlin or America/New_York; UTC when omitted."}"""))
                    .additionalProperties(false)
                    .build())
            .build();

    CurrentDateTimeTool(Clock clock, JsonMapper json) {
        this.clock = clock;
        this.json = json;
    }

    @Override
    public ToolSpecification specification() {
        return specification;
    }

    @Override
    public ToolOutcome execute(@Nullable String arguments, ToolContext context) {
        ZoneId zone;
        try {
            // Every parameter is optional: models often send no arguments at all.
            zone = zone(ToolArguments.object(json, arguments == null || arguments.isBlank() ? "{}" : arguments));
        } catch (ToolArguments.InvalidArgumentsException e) {
            return e.outcome();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        ZonedDateTime local = now.atZone(zone);
        Map<String, String> output = new LinkedHashMap<>();
        output.put("date_time", local.toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        output.put("time_zone", zone.getId());
        output.put("weekday", local.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        output.put("utc", DateTimeFormatter.ISO_INSTANT.format(now));
        try {
            return ToolOutcome.completed(json.writeValueAsString(output));
        } catch (IOException e) {
            throw new UncheckedIOException("a map of strings always serialises", e);
        }
    }

    private static ZoneId zone(JsonNode arguments) throws ToolArguments.InvalidArgumentsException {
        JsonNode value = arguments.get("time_zone");
        if (value == null || value.isNull()) {
            return UTC;
        }
        String id = value.isString() ? value.getStringValue().strip() : "";
        if (id.isEmpty() || id.length() > MAX_ZONE) {
            throw new ToolArguments.InvalidArgumentsException(
                    "Error: time_zone must be an IANA time zone id such as " + EXAMPLES + ", or be left out for UTC.");
        }
        if (id.equalsIgnoreCase("UTC") || id.equalsIgnoreCase("Z") || id.equalsIgnoreCase("Etc/UTC")) {
            return UTC;
        }
        for (String known : ZoneId.getAvailableZoneIds()) {
            if (known.equalsIgnoreCase(id) && known.contains("/")) {
                try {
                    return ZoneId.of(known);
                } catch (DateTimeException e) {
                    break;
                }
            }
        }
        throw new ToolArguments.InvalidArgumentsException("Error: \"" + id + "\" is not an IANA time zone id. Use a region "
                + "id such as " + EXAMPLES + " (the zone of the place, not an abbreviation like CET or EST).");
    }
}
