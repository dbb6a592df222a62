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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code calculate}: exact decimal arithmetic, so the model does not compute figures in its
 * head. The expression is evaluated by {@link Arithmetic}; the model gets the value as plain
 * decimal digits, with the expression echoed, or an error saying what to change (division by
 * zero, a value out of range, an unknown function, a syntax error).
 */
@Singleton
class CalculateTool implements AgentTool {
    static final String NAME = "calculate";
    static final int MAX_EXPRESSION = 500;

    private final JsonMapper json;
    private final ToolSpecification specification = ToolSpecification.builder()
            .name(NAME)
            .description("Evaluates an arithmetic expression exactly (decimal arithmetic, " + Arithmetic.PRECISION
                    + " significant digits) and returns the result. Use it for any calculation instead of computing in "
                    + "your head. Operators: + - * / % (remainder) ^ (power) and parentheses; constants PI and E; "
                    + "functions " + String.join(", ", Arithmetic.FUNCTIONS) + " (SIN, COS, TAN, ASIN, ACOS, ATAN in "
                    + "degrees, SINR, COSR, TANR in radians; ROUND(value, decimals)). A leading minus binds tighter than ^: "
                    + "write -(2^2) for minus four. Write numbers with a dot as the "
                    + "decimal separator and no thousands separators, e.g. (1250.50 * 12) / 7.")
            .parameters(JsonObjectSchema.builder()
                    .addProperty("expression", JsonRawSchema.from("""
                            {"type":"string","minLength":1,"maxLength":500,"description":"The expression, e.g. ROUND(19.99 * 3 * 1.2, 2)."}"""))
                    .required("expression")
                    .additionalProperties(false)
                    .build())
            .build();

    CalculateTool(JsonMapper json) {
        this.json = json;
    }

    @Override
    public ToolSpecification specification() {
        return specification;
    }

    @Override
    public ToolOutcome execute(@Nullable String arguments, ToolContext context) {
        String expression;
        try {
            expression = expression(ToolArguments.object(json, arguments));
        } catch (ToolArguments.InvalidArgumentsException e) {
            return e.outcome();
        }
        try {
            String result = Arithmetic.format(Arithmetic.evaluate(expression));
            Map<String, String> output = new LinkedHashMap<>();
            output.put("expression", expression);
            output.put("result", result);
            return ToolOutcome.completed(json.writeValueAsString(output));
        } catch (Arithmetic.RefusedException e) {
            return ToolOutcome.failed("Error: cannot calculate " + expression + ": " + e.getMessage()
                    + ". Correct the expression and call calculate again.");
        } catch (IOException e) {
            throw new UncheckedIOException("a map of strings always serialises", e);
        }
    }

    private static String expression(JsonNode arguments) throws ToolArguments.InvalidArgumentsException {
        String expression = ToolArguments.string(arguments, "expression");
        if (expression == null || expression.isBlank() || expression.length() > MAX_EXPRESSION) {
            throw new ToolArguments.InvalidArgumentsException(
                    "Error: expression must be a string of 1 to " + MAX_EXPRESSION + " characters, e.g. \"(2 + 3) * 4\".");
        }
        return expression.strip();
    }
}
