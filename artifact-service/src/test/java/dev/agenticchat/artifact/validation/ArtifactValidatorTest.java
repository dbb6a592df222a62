package dev.agenticchat.artifact.validation;

import static dev.agenticchat.artifact.fixtures.ArtifactSamples.chart;
import static dev.agenticchat.artifact.fixtures.ArtifactSamples.code;
import static dev.agenticchat.artifact.fixtures.ArtifactSamples.csv;
import static dev.agenticchat.artifact.fixtures.ArtifactSamples.markdown;
import static dev.agenticchat.artifact.fixtures.ArtifactSamples.with;
import static dev.agenticchat.artifact.fixtures.ArtifactSamples.without;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.agenticchat.artifact.fixtures.ArtifactSamples;
import dev.agenticchat.contracts.artifacts.ArtifactTypes;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ArtifactValidatorTest {
    private static final ArtifactTypeRegistry REGISTRY = new ArtifactTypeRegistry();
    private static final ArtifactValidator VALIDATOR = new ArtifactValidator();

    static Stream<Arguments> validSamples() {
        return Stream.of(
                arguments("chart", "the simulator's bar chart", chart()),
                arguments("chart", "a line chart with two coloured series", ArtifactSamples.lineChartWithTwoColouredSeries()),
                arguments("csv", "a table with a header row", csv()),
                arguments("csv", "a table with no rows yet", ArtifactSamples.csvWithoutRows()),
                arguments("code", "a python file", code()),
                arguments("markdown", "a short document", markdown()));
    }

    /** One broken constraint each: the type, what is wrong, the content, where, and whether only a cross-field rule sees it. */
    static Stream<Arguments> invalidSamples() {
        return Stream.of(
                arguments("chart", "a chart type nobody renders", with(chart(), "/chart_type", "pie3d"), "/chart_type", false),
                arguments("chart", "no labels", with(chart(), "/labels", List.of()), "/labels", false),
                arguments("chart", "a dataset with fewer values than labels",
                        with(chart(), "/datasets/0/data", List.of(120, 150, 180)), "/datasets/0/data", true),
                arguments("chart", "no title", without(chart(), "/title"), "/title", false),
                arguments("chart", "a property the renderer does not know", with(chart(), "/three_d", true), "/three_d", false),
                arguments("chart", "a colour name instead of a hex colour",
                        with(chart(), "/datasets/0/color", "blue"), "/datasets/0/color", false),
                arguments("csv", "a row with too few cells", with(csv(), "/rows/1", List.of("Grace")), "/rows/1", true),
                arguments("csv", "the same header twice", with(csv(), "/headers", List.of("name", "name")), "/headers", false),
                arguments("code", "a language id with upper case and a space", with(code(), "/language", "Python 3"), "/language", false),
                arguments("code", "no code", without(code(), "/code"), "/code", false),
                arguments("markdown", "empty markdown", with(markdown(), "/markdown", ""), "/markdown", false));
    }

    static Stream<Arguments> allSamples() {
        return Stream.concat(validSamples(), invalidSamples().map(a -> arguments(a.get()[0], a.get()[1], a.get()[2])));
    }

    @Test
    void knows_exactly_the_types_of_the_contracts_with_their_tool_names() {
        assertThat(REGISTRY.names()).containsExactlyElementsOf(ArtifactTypes.NAMES);
        assertThat(REGISTRY.all()).extracting(ArtifactType::toolName)
                .containsExactly("create_chart_artifact", "create_csv_artifact", "create_code_artifact", "create_markdown_artifact");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("validSamples")
    void accepts_a_well_formed_sample(String type, String what, ObjectNode content) {
        assertThat(validate(type, content)).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("invalidSamples")
    void rejects_a_broken_constraint_at_its_json_pointer(String type, String what, ObjectNode content, String field,
                                                         boolean crossField) {
        assertThat(validate(type, content)).extracting(Violation::field).contains(field);
    }

    @Test
    void names_the_allowed_values_of_an_enum() {
        assertThat(validate("chart", with(chart(), "/chart_type", "pie3d"))).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("/chart_type");
            assertThat(v.message()).contains("\"pie3d\"", "\"bar\"", "\"line\"", "\"pie\"", "\"doughnut\"", "\"scatter\"",
                    "\"radar\"", "\"area\"");
        });
    }

    @Test
    void rejects_a_chart_whose_datasets_do_not_match_its_labels() {
        assertThat(validate("chart", with(chart(), "/datasets/0/data", List.of(120, 150, 180)))).singleElement()
                .isEqualTo(new Violation("/datasets/0/data",
                        "has 3 values but there are 4 labels; give exactly one value per label, in label order"));
    }

    @Test
    void rejects_a_csv_row_that_does_not_match_the_headers_naming_them() {
        assertThat(validate("csv", with(csv(), "/rows/1", List.of("Grace")))).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("/rows/1");
            assertThat(v.message()).startsWith("has 1 cell but there are 2 headers (name, country)");
        });
    }

    @Test
    void names_the_allowed_properties_when_one_is_unknown() {
        assertThat(validate("chart", with(chart(), "/three_d", true))).singleElement().satisfies(v ->
                assertThat(v.message()).contains("\"three_d\"", "title, chart_type, labels, datasets, x_axis_title, y_axis_title"));
    }

    @Test
    void names_the_value_given_twice_in_a_csv_header() {
        assertThat(validate("csv", with(csv(), "/headers", List.of("name", "name")))).singleElement()
                .satisfies(v -> assertThat(v.message()).endsWith("repeated: \"name\""));
    }

    @Test
    void explains_a_pattern_with_the_fields_own_description() {
        assertThat(validate("code", with(code(), "/language", "Python 3"))).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("\"Python 3\"", "Lower-case language id"));
    }

    @Test
    void reports_every_violation_at_once() {
        ObjectNode broken = with(without(with(chart(), "/chart_type", "pie3d"), "/title"), "/datasets/0/data", List.of(1));
        assertThat(validate("chart", broken)).extracting(Violation::field)
                .containsExactly("/chart_type", "/datasets/0/data", "/title");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("validSamples")
    void the_published_schema_alone_accepts_every_sample_the_service_accepts(String type, String what, ObjectNode content) {
        assertThat(standaloneFields(type, content)).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("invalidSamples")
    void the_published_schema_alone_rejects_every_violation_it_can_express(String type, String what, ObjectNode content,
                                                                          String field, boolean crossField) {
        if (crossField) {
            assertThat(standaloneFields(type, content)).isEmpty();
        } else {
            assertThat(standaloneFields(type, content)).contains(field);
        }
    }

    /** The agreement between the tool the model sees and what the service enforces: no hidden rules. */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("allSamples")
    void the_service_enforces_the_published_schema_plus_the_documented_cross_field_rules_and_nothing_else(
            String type, String what, ObjectNode content) {
        Set<String> expected = new HashSet<>(standaloneFields(type, content));
        REGISTRY.find(type).orElseThrow().crossFieldRules().forEach(rule ->
                rule.check(content).forEach(v -> expected.add(v.field())));

        assertThat(validate(type, content)).extracting(Violation::field).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void every_cross_field_rule_is_stated_in_its_types_schema_description() {
        assertThat(REGISTRY.find("chart").orElseThrow().description()).contains("as many data values as there are labels");
        assertThat(REGISTRY.find("csv").orElseThrow().description()).contains("as many cells as there are headers");
        assertThat(CrossFieldRules.BY_TYPE).containsOnlyKeys("chart", "csv");
    }

    @Test
    void only_accepts_type_schemas_that_require_a_string_title() {
        assertThat(ArtifactTypeRegistry.requiresTitle(ArtifactSamples.JSON.valueToTree(Map.of(
                "required", List.of("title"), "properties", Map.of("title", Map.of("type", "string")))))).isTrue();
        assertThat(ArtifactTypeRegistry.requiresTitle(ArtifactSamples.JSON.valueToTree(Map.of(
                "required", List.of("name"), "properties", Map.of("title", Map.of("type", "string")))))).isFalse();
        assertThat(ArtifactTypeRegistry.requiresTitle(ArtifactSamples.JSON.valueToTree(Map.of(
                "required", List.of("title"), "properties", Map.of("title", Map.of("type", "number")))))).isFalse();
    }

    private static List<Violation> validate(String type, ObjectNode content) {
        return VALIDATOR.validate(REGISTRY.find(type).orElseThrow(), content);
    }

    /**
     * What networknt finds with nothing but the schema document from the contracts jar, as
     * JSON Pointers (a missing or unknown property is pointed at by its own name).
     */
    private static Set<String> standaloneFields(String type, JsonNode content) {
        Set<ValidationMessage> messages = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(ArtifactTypes.schema(type), SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build())
                .validate(content);
        return messages.stream()
                .map(m -> m.getProperty() == null ? m.getInstanceLocation().toString()
                        : m.getInstanceLocation() + "/" + m.getProperty())
                .collect(Collectors.toSet());
    }
}
