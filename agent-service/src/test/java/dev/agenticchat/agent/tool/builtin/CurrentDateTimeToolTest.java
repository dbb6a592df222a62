package dev.agenticchat.agent.tool.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenticchat.agent.tool.ToolContext;
import dev.agenticchat.agent.tool.ToolOutcome;
import dev.agenticchat.contracts.events.ToolCallCompleted;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CurrentDateTimeToolTest {
    private static final Instant NOW = Instant.parse("2026-03-29T00:30:15.250Z");
    private final JsonMapper json = JsonMapper.createDefault();
    private final CurrentDateTimeTool tool = new CurrentDateTimeTool(Clock.fixed(NOW, ZoneOffset.UTC), json);
    private final ToolContext context = new ToolContext(UUID.randomUUID(), "thread", "tenant", "user");

    @Test
    void offers_an_optional_time_zone() {
        assertThat(tool.name()).isEqualTo("current_datetime");
        assertThat(tool.specification().parameters().required()).isEmpty();
        assertThat(tool.specification().parameters().properties()).containsOnlyKeys("time_zone");
    }

    @Test
    void tells_the_time_in_utc_when_no_zone_is_named() throws IOException {
        assertThat(answer("{}")).isEqualTo(Map.of("date_time", "2026-03-29T00:30:15Z", "time_zone", "UTC",
                "weekday", "Sunday", "utc", "2026-03-29T00:30:15Z"));
        assertThat(answer(null)).isEqualTo(answer("{}"));
        assertThat(answer("{\"time_zone\":null}")).isEqualTo(answer("{}"));
        assertThat(answer("{\"time_zone\":\"utc\"}")).isEqualTo(answer("{}"));
    }

    @Test
    void tells_the_local_time_weekday_and_offset_of_a_zone() throws IOException {
        // Before the change to summer time that night in Berlin, and the evening before in New York.
        assertThat(answer("{\"time_zone\":\"Europe/Berlin\"}")).isEqualTo(Map.of("date_time", "2026-03-29T01:30:15+01:00",
                "time_zone", "Europe/Berlin", "weekday", "Sunday", "utc", "2026-03-29T00:30:15Z"));
        assertThat(answer("{\"time_zone\":\"America/New_York\"}")).containsEntry("date_time", "2026-03-28T20:30:15-04:00")
                .containsEntry("weekday", "Saturday");
        assertThat(answer("{\"time_zone\":\" asia/kolkata \"}")).containsEntry("time_zone", "Asia/Kolkata")
                .containsEntry("date_time", "2026-03-29T06:00:15+05:30");
    }

    @Test
    void follows_the_clock_it_is_given() throws IOException {
        CurrentDateTimeTool later = new CurrentDateTimeTool(Clock.fixed(NOW.plusSeconds(3 * 3600), ZoneOffset.UTC), json);
        ToolOutcome outcome = later.execute("{\"time_zone\":\"Europe/Berlin\"}", context);
        assertThat(json.readValue(outcome.output(), Map.class)).containsEntry("date_time", "2026-03-29T05:30:15+02:00");
    }

    @Test
    void refuses_an_unknown_zone_an_abbreviation_or_an_offset_naming_valid_examples() {
        String unknown = "is not an IANA time zone id. Use a region id such as UTC, Europe/Berlin, America/New_York, "
                + "Asia/Tokyo (the zone of the place, not an abbreviation like CET or EST).";
        assertThat(failure("{\"time_zone\":\"Mars/Olympus_Mons\"}")).isEqualTo("Error: \"Mars/Olympus_Mons\" " + unknown);
        assertThat(failure("{\"time_zone\":\"CET\"}")).isEqualTo("Error: \"CET\" " + unknown);
        assertThat(failure("{\"time_zone\":\"+02:00\"}")).isEqualTo("Error: \"+02:00\" " + unknown);
        String malformed = "Error: time_zone must be an IANA time zone id such as UTC, Europe/Berlin, America/New_York, "
                + "Asia/Tokyo, or be left out for UTC.";
        assertThat(failure("{\"time_zone\":\"\"}")).isEqualTo(malformed);
        assertThat(failure("{\"time_zone\":7}")).isEqualTo(malformed);
        assertThat(failure("{\"time_zone\":\"" + "x".repeat(65) + "\"}")).isEqualTo(malformed);
        assertThat(failure("[]")).startsWith("Error: the arguments must be a JSON object");
    }

    private Map<String, String> answer(String arguments) throws IOException {
        ToolOutcome outcome = tool.execute(arguments, context);
        assertThat(outcome.status()).as(outcome.output()).isEqualTo(ToolCallCompleted.COMPLETED);
        return json.readValue(outcome.output(), Argument.mapOf(String.class, String.class));
    }

    private String failure(String arguments) {
        ToolOutcome outcome = tool.execute(arguments, context);
        assertThat(outcome.status()).isEqualTo(ToolCallCompleted.FAILED);
        return outcome.output();
    }
}
