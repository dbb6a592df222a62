package dev.agenticchat.agent.tool.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.agenticchat.agent.tool.ToolContext;
import dev.agenticchat.agent.tool.ToolOutcome;
import dev.agenticchat.contracts.events.ToolCallCompleted;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CalculateToolTest {
    private final JsonMapper json = JsonMapper.createDefault();
    private final CalculateTool tool = new CalculateTool(json);
    private final ToolContext context = new ToolContext(UUID.randomUUID(), "thread", "tenant", "user");

    @Test
    void offers_one_required_expression_of_at_most_500_characters() throws IOException {
        assertThat(tool.name()).isEqualTo("calculate");
        assertThat(tool.specification().parameters().required()).containsExactly("expression");
        assertThat(tool.specification().description()).contains("SQRT", "ROUND", "PI");
    }

    @Test
    void computes_with_the_usual_precedence_and_exact_decimals() throws IOException {
        assertThat(result("2 + 3 * 4")).isEqualTo("14");
        assertThat(result("(2 + 3) * 4")).isEqualTo("20");
        assertThat(result("2^3^2")).isEqualTo("512");
        assertThat(result("2 * -3")).isEqualTo("-6");
        assertThat(result("(-2)^3")).isEqualTo("-8");
        assertThat(result("17 % 5")).isEqualTo("2");
        assertThat(result("0.1 + 0.2")).isEqualTo("0.3");
        assertThat(result("10 / 4")).isEqualTo("2.5");
        assertThat(result("1 / 3")).isEqualTo("0.3333333333333333333333333333333333");
        assertThat(result("(1250.50 * 12) / 7")).isEqualTo("2143.714285714285714285714285714286");
        assertThat(result("2^-1")).isEqualTo("0.5");
    }

    @Test
    void knows_a_few_functions_and_the_constants_pi_and_e() throws IOException {
        assertThat(result("SQRT(16)")).isEqualTo("4");
        assertThat(result("SQRT(2)")).isEqualTo("1.414213562373095048801688724209698");
        assertThat(result("ROUND(19.99 * 3 * 1.2, 2)")).isEqualTo("71.96");
        assertThat(result("ABS(-4.5) + FLOOR(2.7) + CEILING(2.1)")).isEqualTo("9.5");
        assertThat(result("MAX(1, 7, 3) + MIN(4, 2) + SUM(1, 2, 3) + AVERAGE(2, 4)")).isEqualTo("18");
        assertThat(result("SIN(30)")).isEqualTo("0.5");
        assertThat(result("ROUND(2 * PI, 4)")).isEqualTo("6.2832");
        assertThat(result("ROUND(E, 3)")).isEqualTo("2.718");
    }

    @Test
    void writes_ordinary_sizes_as_plain_digits_and_huge_or_tiny_ones_in_scientific_notation() throws IOException {
        assertThat(result("1000000 * 1000000")).isEqualTo("1000000000000");
        assertThat(result("0.000001 / 1000")).isEqualTo("0.000000001");
        assertThat(result("10^100")).isEqualTo("1E+100");
        assertThat(result("2^-200")).isEqualTo("6.223015277861141707144064053780123E-61");
    }

    @Test
    void echoes_the_expression_with_the_result() throws IOException {
        ToolOutcome outcome = tool.execute("{\"expression\":\" 6 * 7 \"}", context);
        assertThat(outcome.status()).isEqualTo(ToolCallCompleted.COMPLETED);
        assertThat(json.readValue(outcome.output(), Map.class)).isEqualTo(Map.of("expression", "6 * 7", "result", "42"));
    }

    @Test
    void refuses_a_division_by_zero() throws IOException {
        assertThat(failure("1 / 0")).isEqualTo(
                "Error: cannot calculate 1 / 0: Division by zero (at character 3). Correct the expression and call calculate again.");
        assertThat(failure("5 % (2 - 2)")).contains("Division by zero");
        assertThat(failure("0^-1")).contains("Division by zero");
    }

    @Test
    void refuses_values_beyond_1e1000_quickly_instead_of_computing_them() throws IOException {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            for (String expression : List.of("9^9^9^9", "10^100000", "10^999999999 % 7", "1.0001^999999999", "2^-5000",
                    "10^600 * 10^600", "1e999999999", "1 / 1e-1001", "ROUND(1.5, 999999999)")) {
                assertThat(failure(expression)).as(expression).containsAnyOf("beyond the calculator's range",
                        "ROUND takes at most 100 decimal places");
            }
        });
        assertThat(failure("10^100000")).isEqualTo("Error: cannot calculate 10^100000: the power is beyond the "
                + "calculator's range of 1E-1000 to 1E+1000 (at character 3). Correct the expression and call calculate again.");
    }

    @Test
    void refuses_results_that_are_no_real_number() throws IOException {
        assertThat(failure("SQRT(-1)")).contains("Parameter must not be negative");
        assertThat(failure("LOG(0)")).contains("Parameter must not be zero");
        assertThat(failure("(-8)^0.5")).contains("not a finite real number");
    }

    @Test
    void refuses_unknown_functions_and_variables_naming_what_there_is() throws IOException {
        assertThat(failure("FACT(100000)")).contains("Undefined function 'FACT'; the functions are ABS, ROUND,");
        assertThat(failure("NOW()")).contains("Undefined function 'NOW'");
        assertThat(failure("STR_UPPER(\"a\")")).contains("Undefined function 'STR_UPPER'");
        assertThat(failure("x + 1")).contains("'x' not found; only numbers, PI and E may be used");
        assertThat(failure("TRUE")).contains("'TRUE' not found");
    }

    @Test
    void refuses_garbage_strings_and_what_is_not_arithmetic() throws IOException {
        assertThat(failure("2 +")).contains("Missing second operand");
        assertThat(failure("(1 + 2")).contains("Closing brace not found");
        assertThat(failure("2 3")).contains("Too many operands");
        assertThat(failure("2(3)")).contains("Missing operator");
        assertThat(failure("1,5")).contains("Too many operands");
        assertThat(failure("3 == 3")).contains("Undefined operator");
        assertThat(failure("\"a\" + 1")).contains("only numbers can be calculated with");
        assertThat(failure("\"a\"")).contains("the expression does not compute a number");
        assertThat(failure("drop table turns;")).startsWith("Error: cannot calculate drop table turns;");
    }

    @Test
    void refuses_empty_overlong_and_malformed_arguments() {
        String wanted = "Error: expression must be a string of 1 to 500 characters, e.g. \"(2 + 3) * 4\".";
        assertThat(failureOf("{\"expression\":\"  \"}")).isEqualTo(wanted);
        assertThat(failureOf("{}")).isEqualTo(wanted);
        assertThat(failureOf("{\"expression\":42}")).isEqualTo(wanted);
        assertThat(failureOf("{\"expression\":\"" + "1+".repeat(250) + "1\"}")).isEqualTo(wanted);
        assertThat(failureOf("not json")).startsWith("Error: the arguments are not valid JSON");
        assertThat(failureOf("[1]")).isEqualTo("Error: the arguments must be a JSON object matching the tool's parameters.");
        assertThat(tool.execute("{\"expression\":\"" + "1+".repeat(249) + "1\"}", context).status())
                .isEqualTo(ToolCallCompleted.COMPLETED);
    }

    private String result(String expression) throws IOException {
        ToolOutcome outcome = tool.execute(json.writeValueAsString(Map.of("expression", expression)), context);
        assertThat(outcome.status()).as(outcome.output()).isEqualTo(ToolCallCompleted.COMPLETED);
        return (String) json.readValue(outcome.output(), Map.class).get("result");
    }

    private String failure(String expression) throws IOException {
        return failureOf(json.writeValueAsString(Map.of("expression", expression)));
    }

    private String failureOf(String arguments) {
        ToolOutcome outcome = tool.execute(arguments, context);
        assertThat(outcome.status()).as(outcome.output()).isEqualTo(ToolCallCompleted.FAILED);
        return outcome.output();
    }
}
