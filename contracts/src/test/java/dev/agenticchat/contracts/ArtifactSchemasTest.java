package dev.agenticchat.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenticchat.contracts.artifacts.ArtifactTypes;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The artifact schemas are what artifact-service validates with and what the model sees as tool parameters. */
class ArtifactSchemasTest {
    private static final String SUFFIX = ".schema.json";

    static final List<String> TYPES = ArtifactTypes.NAMES;

    @Test
    void ArtifactTypes_NAMES_are_exactly_the_schema_files() throws IOException, URISyntaxException {
        URL folder = getClass().getClassLoader().getResource("schemas/artifacts");
        assertThat(folder).isNotNull();
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            List<String> types = files.map(file -> file.getFileName().toString())
                    .map(name -> name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : name)
                    .toList();
            assertThat(types).containsExactlyInAnyOrderElementsOf(ArtifactTypes.NAMES);
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("TYPES")
    void each_artifact_schema_is_a_valid_draft_2020_12_schema_named_after_its_type(String type) {
        JsonNode schema = ContractFiles.parse(ArtifactTypes.schema(type));

        assertThat(ContractFiles.metaSchema().validate(schema)).isEmpty();
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("$id").asText()).isEqualTo(ContractFiles.SCHEMA_BASE + "artifacts/" + type + SUFFIX);
        assertThat(schema.path("title").asText()).isEqualTo(type);
        assertThat(schema.path("type").asText()).isEqualTo("object");
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("TYPES")
    void the_tool_of_each_artifact_type_maps_back_to_that_type(String type) {
        assertThat(ArtifactTypes.typeOfTool(ArtifactTypes.toolName(type))).isEqualTo(type);
    }

    @Test
    void tools_that_create_no_known_artifact_type_map_to_no_type() {
        assertThat(ArtifactTypes.typeOfTool("create_pie_artifact")).isNull();
        assertThat(ArtifactTypes.typeOfTool("search_knowledge")).isNull();
        assertThat(ArtifactTypes.typeOfTool("create_chart")).isNull();
    }

    static Stream<Arguments> validInstances() {
        return Stream.of(
                arguments("chart", "a bar chart of quarterly sales", """
                        {"title": "Quarterly sales 2025", "chart_type": "bar", "labels": ["Q1", "Q2", "Q3", "Q4"],
                         "datasets": [{"label": "Revenue", "data": [412.5, 468, 503.25, 571.75], "color": "#3366cc"}],
                         "x_axis_title": "Quarter", "y_axis_title": "kUSD"}"""),
                arguments("chart", "a line chart with two series and no colours", """
                        {"title": "Signups", "chart_type": "line", "labels": ["Mon", "Tue"],
                         "datasets": [{"label": "web", "data": [10, 12]}, {"label": "mobile", "data": [7, 9]}]}"""),
                arguments("csv", "a table with a header row", """
                        {"title": "Customers", "headers": ["name", "country"],
                         "rows": [["Ada", "UK"], ["Grace", "US"]]}"""),
                arguments("csv", "a table with headers and no rows yet", """
                        {"title": "Empty", "headers": ["id"], "rows": []}"""),
                arguments("code", "a python file", """
                        {"title": "Fibonacci", "language": "python", "filename": "fib.py",
                         "code": "def fib(n):\\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\\n"}"""),
                arguments("code", "languages with symbols in their id", """
                        {"title": "Hello", "language": "c++", "code": "int main() {}"}"""),
                arguments("markdown", "a short document", """
                        {"title": "Release notes", "markdown": "# 1.2\\n\\n* faster charts"}"""));
    }

    static Stream<Arguments> invalidInstances() {
        return Stream.of(
                arguments("chart", "a chart type nobody renders", """
                        {"title": "Sales", "chart_type": "pie3d", "labels": ["a"], "datasets": [{"label": "x", "data": [1]}]}"""),
                arguments("chart", "no labels", """
                        {"title": "Sales", "chart_type": "bar", "labels": [], "datasets": [{"label": "x", "data": [1]}]}"""),
                arguments("chart", "data that is not numbers", """
                        {"title": "Sales", "chart_type": "bar", "labels": ["a"], "datasets": [{"label": "x", "data": ["1"]}]}"""),
                arguments("chart", "a colour name instead of a hex colour", """
                        {"title": "Sales", "chart_type": "bar", "labels": ["a"],
                         "datasets": [{"label": "x", "data": [1], "color": "blue"}]}"""),
                arguments("chart", "a property the renderer does not know", """
                        {"title": "Sales", "chart_type": "bar", "labels": ["a"], "datasets": [{"label": "x", "data": [1]}],
                         "three_d": true}"""),
                arguments("csv", "no headers", """
                        {"title": "Customers", "rows": [["Ada", "UK"]]}"""),
                arguments("csv", "the same header twice", """
                        {"title": "Customers", "headers": ["name", "name"], "rows": []}"""),
                arguments("csv", "a cell that is a number, not text", """
                        {"title": "Customers", "headers": ["age"], "rows": [[42]]}"""),
                arguments("code", "a language id that is not lower-case and one word", """
                        {"title": "Script", "language": "Python 3", "code": "print(1)"}"""),
                arguments("code", "a file name with a directory", """
                        {"title": "Main", "language": "java", "filename": "src/Main.java", "code": "class Main {}"}"""),
                arguments("code", "no code", """
                        {"title": "Nothing", "language": "java", "code": ""}"""),
                arguments("markdown", "no markdown", """
                        {"title": "Notes"}"""),
                arguments("markdown", "an empty title", """
                        {"title": "", "markdown": "text"}"""));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("validInstances")
    void accepts_a_well_formed_artifact(String type, String what, String instance) {
        assertThat(ContractFiles.schema(ArtifactTypes.schema(type)).validate(ContractFiles.parse(instance))).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("invalidInstances")
    void rejects_a_malformed_artifact(String type, String what, String instance) {
        assertThat(ContractFiles.schema(ArtifactTypes.schema(type)).validate(ContractFiles.parse(instance))).isNotEmpty();
    }
}
