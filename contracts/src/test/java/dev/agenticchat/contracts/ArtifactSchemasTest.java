package dev.agenticchat.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenticchat.contracts.artifacts.ArtifactTypes;
import dev.agenticchat.contracts.events.ArtifactCreated;
import dev.agenticchat.contracts.events.ArtifactUpdated;
import dev.agenticchat.contracts.events.DomainEvent;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
    /** Properties a type requires only in one mode (a cross-field rule): its sample shows the other mode. */
    private static final Set<String> OPTIONAL_BY_MODE = Set.of("keyword_research.domain",
            "keyword_research.competitor_domains");

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
                        {"title": "Release notes", "markdown": "# 1.2\\n\\n* faster charts"}"""),
                arguments("table", "typed columns with a null cell, defaults left out", """
                        {"title": "Orders", "columns": [{"name": "id", "type": "integer"}, {"name": "paid", "type": "boolean"}],
                         "rows": [[1, true], [2, null]]}"""),
                arguments("html", "a fragment", """
                        {"title": "Card", "html": "<p>Hello</p>"}"""),
                arguments("diagram", "a flowchart", """
                        {"title": "Flow", "mermaid": "graph TD; a-->b"}"""),
                arguments("payment_link", "a paid link in yen", """
                        {"title": "Tea", "description": "Matcha, 100 g", "amount": 1200, "currency": "JPY", "status": "paid"}"""),
                arguments("domain_overview", "a domain with no paid search", """
                        {"title": "x", "domain": "shop.example.co.uk", "database": "uk", "currency": "GBP",
                         "organic_keywords": 10, "organic_traffic": 20, "organic_traffic_value": 3.5,
                         "paid_keywords": 0, "paid_traffic": 0, "paid_traffic_value": 0}"""),
                arguments("competitor_analysis", "paid competitors", """
                        {"title": "x", "domain": "example.com", "database": "de", "source": "paid",
                         "competitors": [{"domain": "rival.de", "common_keywords": 0, "total_keywords": 0, "overlap": 0}]}"""),
                arguments("keyword_research", "a gap analysis", """
                        {"title": "Gap", "mode": "gap", "database": "us", "domain": "example.com",
                         "competitor_domains": ["rival.com", "xn--bcher-kva.example"], "keywords": []}"""));
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
                        {"title": "", "markdown": "text"}"""),
                arguments("table", "a column type nobody renders", """
                        {"title": "T", "columns": [{"name": "id", "type": "uuid"}], "rows": []}"""),
                arguments("table", "no columns", """
                        {"title": "T", "columns": [], "rows": []}"""),
                arguments("table", "a cell that is an object", """
                        {"title": "T", "columns": [{"name": "id", "type": "string"}], "rows": [[{"v": 1}]]}"""),
                arguments("table", "sortable as a string", """
                        {"title": "T", "columns": [{"name": "id", "type": "string"}], "rows": [], "sortable": "yes"}"""),
                arguments("html", "empty html", """
                        {"title": "Card", "html": ""}"""),
                arguments("diagram", "no mermaid source", """
                        {"title": "Flow"}"""),
                arguments("payment_link", "a zero amount", """
                        {"title": "Tea", "description": "Matcha", "amount": 0, "currency": "JPY", "status": "open"}"""),
                arguments("payment_link", "an amount in major units with decimals", """
                        {"title": "Tea", "description": "Matcha", "amount": 12.5, "currency": "EUR", "status": "open"}"""),
                arguments("payment_link", "three letters that are no currency", """
                        {"title": "Tea", "description": "Matcha", "amount": 100, "currency": "ABC", "status": "open"}"""),
                arguments("payment_link", "a currency in lower case", """
                        {"title": "Tea", "description": "Matcha", "amount": 100, "currency": "usd", "status": "open"}"""),
                arguments("payment_link", "a status nobody knows", """
                        {"title": "Tea", "description": "Matcha", "amount": 100, "currency": "USD", "status": "refunded"}"""),
                arguments("domain_overview", "a url instead of a domain", """
                        {"title": "x", "domain": "https://example.com/", "database": "us", "currency": "USD",
                         "organic_keywords": 1, "organic_traffic": 1, "organic_traffic_value": 1,
                         "paid_keywords": 1, "paid_traffic": 1, "paid_traffic_value": 1}"""),
                arguments("domain_overview", "negative traffic", """
                        {"title": "x", "domain": "example.com", "database": "us", "currency": "USD",
                         "organic_keywords": 1, "organic_traffic": -1, "organic_traffic_value": 1,
                         "paid_keywords": 1, "paid_traffic": 1, "paid_traffic_value": 1}"""),
                arguments("domain_overview", "an upper-case database", """
                        {"title": "x", "domain": "example.com", "database": "US", "currency": "USD",
                         "organic_keywords": 1, "organic_traffic": 1, "organic_traffic_value": 1,
                         "paid_keywords": 1, "paid_traffic": 1, "paid_traffic_value": 1}"""),
                arguments("competitor_analysis", "an overlap above 1", """
                        {"title": "x", "domain": "example.com", "database": "de", "source": "paid",
                         "competitors": [{"domain": "rival.de", "common_keywords": 1, "total_keywords": 2, "overlap": 1.5}]}"""),
                arguments("competitor_analysis", "no competitors", """
                        {"title": "x", "domain": "example.com", "database": "de", "source": "organic", "competitors": []}"""),
                arguments("keyword_research", "a difficulty above 100", """
                        {"title": "K", "mode": "similar", "database": "us", "seed_keyword": "tea",
                         "keywords": [{"keyword": "green tea", "volume": 1, "cpc": 0.1, "difficulty": 101}]}"""),
                arguments("keyword_research", "six competitor domains", """
                        {"title": "Gap", "mode": "gap", "database": "us", "domain": "example.com",
                         "competitor_domains": ["a.com", "b.com", "c.com", "d.com", "e.com", "f.com"], "keywords": []}"""));
    }

    @Test
    void ArtifactTypes_NAMES_are_exactly_the_sample_files() throws IOException, URISyntaxException {
        URL folder = getClass().getClassLoader().getResource("samples/artifacts");
        assertThat(folder).isNotNull();
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            assertThat(files.map(file -> file.getFileName().toString().replaceFirst("\\.json$", "")))
                    .containsExactlyInAnyOrderElementsOf(ArtifactTypes.NAMES);
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("TYPES")
    void the_sample_of_each_type_conforms_to_its_schema_and_sets_every_property(String type) {
        JsonNode sample = ContractFiles.parse(ArtifactTypes.sample(type));
        JsonNode schema = ContractFiles.parse(ArtifactTypes.schema(type));

        assertThat(ContractFiles.schema(ArtifactTypes.schema(type)).validate(sample)).isEmpty();
        assertThat(sample.path("title").asText()).isNotBlank();
        List<String> unset = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(name -> {
            if (!sample.has(name) && !OPTIONAL_BY_MODE.contains(type + "." + name)) {
                unset.add(name);
            }
        });
        assertThat(unset).as("properties the sample leaves out").isEmpty();
    }

    /**
     * agent-service hands the model only the root's {@code properties}, {@code required},
     * {@code additionalProperties} and {@code description} (ArtifactToolSpecifications): a
     * constraint in any other root keyword would be enforced without the model knowing it.
     */
    @ParameterizedTest(name = "{0}")
    @FieldSource("TYPES")
    void every_constraint_of_a_type_lives_where_the_tool_definition_carries_it(String type) {
        JsonNode schema = ContractFiles.parse(ArtifactTypes.schema(type));
        List<String> keywords = new ArrayList<>();
        schema.fieldNames().forEachRemaining(keywords::add);

        assertThat(keywords).containsExactly("$schema", "$id", "title", "description", "type", "additionalProperties",
                "required", "properties");
        assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(schema.toString()).doesNotContain("\"$ref\"", "\"$defs\"");
    }

    @Test
    void every_currency_field_allows_the_same_iso_4217_codes() {
        JsonNode payment = ContractFiles.parse(ArtifactTypes.schema("payment_link")).at("/properties/currency");
        JsonNode overview = ContractFiles.parse(ArtifactTypes.schema("domain_overview")).at("/properties/currency");

        assertThat(payment.path("enum")).isEqualTo(overview.path("enum"));
        assertThat(payment.path("pattern")).isEqualTo(overview.path("pattern"));
        assertThat(payment.path("enum")).hasSizeGreaterThan(150)
                .allSatisfy(code -> assertThat(code.asText()).matches("[A-Z]{3}"));
        assertThat(payment.path("enum").toString()).contains("\"USD\"", "\"EUR\"", "\"JPY\"", "\"GBP\"", "\"CHF\"");
    }

    /** ArtifactCreated and ArtifactUpdated check a snapshot's content against the schema of the type it names. */
    @ParameterizedTest(name = "{0}")
    @FieldSource("TYPES")
    void the_artifact_events_check_the_content_of_every_type_against_its_schema(String type) {
        for (Class<? extends DomainEvent> event : List.of(ArtifactCreated.class, ArtifactUpdated.class)) {
            ObjectNode sample = (ObjectNode) ContractFiles.json(ContractFiles.sampleResource(event));
            ObjectNode artifact = (ObjectNode) sample.path("artifact");
            artifact.put("type", type);
            artifact.set("content", ContractFiles.parse(ArtifactTypes.sample(type)));
            assertThat(ContractFiles.eventSchema(event).validate(sample)).as(event.getSimpleName()).isEmpty();

            ((ObjectNode) artifact.path("content")).put("not_in_the_schema", true);
            assertThat(ContractFiles.eventSchema(event).validate(sample)).as(event.getSimpleName()).isNotEmpty();
        }
    }

    @Test
    void the_artifact_snapshot_is_described_alike_in_every_artifact_event() {
        JsonNode created = ContractFiles.json(ContractFiles.eventSchemaResource(ArtifactCreated.class));
        JsonNode updated = ContractFiles.json(ContractFiles.eventSchemaResource(ArtifactUpdated.class));

        assertThat(updated.at("/$defs/artifact_snapshot")).isEqualTo(created.at("/$defs/artifact_snapshot"));
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
