package dev.agenticchat.agent.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.Problem;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageQueryTest {
    private static final Instant NOW = Instant.parse("2026-12-15T10:30:00Z");

    @Test
    void a_date_is_a_whole_utc_day_and_to_includes_its_day() {
        UsageQuery query = UsageQuery.parse("2026-12-01", "2026-12-03", "model", NOW);

        assertThat(query.from()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(query.to()).isEqualTo(Instant.parse("2026-12-04T00:00:00Z"));
        assertThat(query.groupBy()).isEqualTo(GroupBy.MODEL);
        assertThat(query.days()).containsExactly(LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-02"),
                LocalDate.parse("2026-12-03"));
    }

    @Test
    void an_instant_is_exact() {
        UsageQuery query = UsageQuery.parse("2026-12-01T08:00:00Z", "2026-12-01T10:15:00+01:00", "user", NOW);

        assertThat(query.from()).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
        assertThat(query.to()).isEqualTo(Instant.parse("2026-12-01T09:15:00Z"));
        assertThat(query.days()).containsExactly(LocalDate.parse("2026-12-01"));
    }

    @Test
    void by_default_the_last_thirty_days_today_included_per_day() {
        UsageQuery query = UsageQuery.parse(null, null, null, NOW);

        assertThat(query.to()).isEqualTo(NOW);
        assertThat(query.from()).isEqualTo(Instant.parse("2026-11-16T00:00:00Z"));
        assertThat(query.groupBy()).isEqualTo(GroupBy.DAY);
        assertThat(query.days()).hasSize(30).endsWith(LocalDate.parse("2026-12-15"));
    }

    @Test
    void refuses_bad_values_naming_each_parameter() {
        assertThat(fields(" yesterday", "2026-13-01", "week")).containsExactly("to", "from", "group_by");
        assertThat(fields("2026-12-02", "2026-12-01", "day")).containsExactly("to");
        assertThat(fields("2025-01-01", "2026-01-02", "day")).as("367 days").containsExactly("to");
        assertThat(fields("2025-01-01T00:00:00", null, "agent")).containsExactly("from");
        assertThat(UsageQuery.parse("2025-01-01", "2026-01-01", "day", NOW).days()).as("366 days").hasSize(366);
    }

    private static List<String> fields(String from, String to, String groupBy) {
        ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> UsageQuery.parse(from, to, groupBy, NOW));
        assertThat(problem.status().getCode()).isEqualTo(400);
        return problem.errors().stream().map(Problem.FieldError::field).toList();
    }
}
