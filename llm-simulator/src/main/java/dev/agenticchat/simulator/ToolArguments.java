package dev.agenticchat.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Arguments the simulator passes to a tool: realistic curated samples for the tools the demo knows, a generated
 * minimal instance of the offered schema for everything else, and a deliberately broken variant of either.
 */
final class ToolArguments {

    static final String CHART_TOOL = "create_chart_artifact";
    static final String CSV_TOOL = "create_csv_artifact";
    static final String TABLE_TOOL = "create_table_artifact";
    static final String CODE_TOOL = "create_code_artifact";
    static final String MARKDOWN_TOOL = "create_markdown_artifact";
    static final String SEARCH_TOOL = "search_knowledge";

    private static final Map<String, String> CURATED = Map.of(
            CHART_TOOL, """
                    {"title":"Quarterly sales","chart_type":"bar","labels":["Q1","Q2","Q3","Q4"],\
                    "datasets":[{"label":"Sales","data":[120,150,180,210]}],\
                    "x_axis_title":"Quarter","y_axis_title":"Sales (k$)"}""",
            CSV_TOOL, """
                    {"title":"Quarterly sales","headers":["quarter","sales"],"rows":[["Q1","120"],["Q2","150"]]}""",
            CODE_TOOL, """
                    {"title":"Hello","language":"python","filename":"hello.py","code":"print('hello')\\n"}""",
            MARKDOWN_TOOL, """
                    {"title":"Notes","markdown":"# Notes\\n\\n- first\\n- second\\n"}""");

    private ToolArguments() {
    }

    static ObjectNode valid(String toolName, JsonNode schema, String userText) {
        return curated(toolName, userText)
                .filter(sample -> hasAllRequired(sample, schema))
                .map(sample -> withoutUndeclared(sample, schema))
                .orElseGet(() -> generated(schema));
    }

    /** Arguments shaped like the valid ones but rejected by a validator, to exercise the agent's repair loop. */
    static ObjectNode invalid(String toolName, JsonNode schema, String userText) {
        ObjectNode arguments = valid(toolName, schema, userText);
        if (CHART_TOOL.equals(toolName) && shortenFirstDataset(arguments)) {
            return arguments;
        }
        JsonNode required = schema.path("required");
        if (!required.isEmpty()) {
            arguments.remove(required.get(0).asText());
        }
        return arguments;
    }

    private static Optional<ObjectNode> curated(String toolName, String userText) {
        if (SEARCH_TOOL.equals(toolName)) {
            return Optional.of(Json.object().put("query", userText));
        }
        return Optional.ofNullable(CURATED.get(toolName))
                .flatMap(Json::tryParse)
                .map(ObjectNode.class::cast);
    }

    private static boolean hasAllRequired(ObjectNode sample, JsonNode schema) {
        for (JsonNode name : schema.path("required")) {
            if (!sample.has(name.asText())) {
                return false;
            }
        }
        return true;
    }

    private static ObjectNode withoutUndeclared(ObjectNode sample, JsonNode schema) {
        if (schema.path("additionalProperties").isBoolean() && !schema.get("additionalProperties").booleanValue()) {
            JsonNode declared = schema.path("properties");
            for (Iterator<String> names = sample.fieldNames(); names.hasNext(); ) {
                if (!declared.has(names.next())) {
                    names.remove();
                }
            }
        }
        return sample;
    }

    private static ObjectNode generated(JsonNode schema) {
        JsonNode instance = SchemaInstanceGenerator.generate(schema);
        return instance instanceof ObjectNode object ? object : Json.object();
    }

    /** A chart whose first series has fewer points than there are labels is the classic semantic error. */
    private static boolean shortenFirstDataset(ObjectNode arguments) {
        JsonNode labels = arguments.path("labels");
        JsonNode data = arguments.path("datasets").path(0).path("data");
        if (!labels.isArray() || !data.isArray() || labels.isEmpty()) {
            return false;
        }
        ArrayNode shortened = Json.MAPPER.createArrayNode();
        for (int i = 0; i < labels.size() - 1 && i < data.size(); i++) {
            shortened.add(data.get(i));
        }
        ((ObjectNode) arguments.path("datasets").get(0)).set("data", shortened);
        return true;
    }
}
