package dev.agenticchat.artifact.validation;

import static dev.agenticchat.artifact.fixtures.ArtifactSamples.chart;
import static dev.agenticchat.artifact.fixtures.ArtifactSamples.code;
import static dev.agenticchat.artifact.fixtures.ArtifactSamples.competitorAnalysis;
import static dev.agenticchat.artifact.fixtures.ArtifactSamples.csv;
import static dev.agenticchat.artifact.fixtures.ArtifactSamples.diagram;
import static dev.agenticchat.artifact.fixtures.ArtifactSamples.domainOverview;
import static dev.agenticchat.artifact.fixtures.ArtifactSamples.html;
import static dev.agenticchat.artifact.fixtures.ArtifactSamples.keywordGap;
import static dev.agenticchat.artifact.fixtures.ArtifactSamples.keywordResearch;
import static dev.agenticchat.artifact.fixtures.ArtifactSamples.markdown;
import static dev.agenticchat.artifact.fixtures.ArtifactSamples.paymentLink;
import static dev.agenticchat.artifact.fixtures.ArtifactSamples.table;
import static dev.agenticchat.artifact.fixtures.ArtifactSamples.with;
import static dev.agenticchat.artifact.fixtures.ArtifactSamples.without;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;

class ArtifactValidatorTest {
    static final List<String> TYPES = ArtifactTypes.NAMES;
    private static final ArtifactTypeRegistry REGISTRY = new ArtifactTypeRegistry();
    private static final ArtifactValidator VALIDATOR = new ArtifactValidator();

    static Stream<Arguments> validSamples() {
        return Stream.of(
                arguments("chart", "the simulator's bar chart", chart()),
                arguments("chart", "a line chart with two coloured series", ArtifactSamples.lineChartWithTwoColouredSeries()),
                arguments("csv", "a table with a header row", csv()),
                arguments("csv", "a table with no rows yet", ArtifactSamples.csvWithoutRows()),
                arguments("code", "a python file", code()),
                arguments("markdown", "a short document", markdown()),
                arguments("table", "typed columns with an empty cell", table()),
                arguments("table", "no rows and the sort and filter defaults", without(without(with(table(), "/rows", List.of()),
                        "/sortable"), "/filterable")),
                arguments("html", "a styled card", html()),
                arguments("html", "markup with a script, stored as given", with(html(), "/html", "<p>hi</p><script>alert(1)</script>")),
                arguments("diagram", "a flowchart", diagram()),
                arguments("payment_link", "an open link in dollars", paymentLink()),
                arguments("payment_link", "the largest amount", with(with(paymentLink(), "/amount", 100_000_000), "/currency", "JPY")),
                arguments("domain_overview", "a domain in the us database", domainOverview()),
                arguments("domain_overview", "a domain without paid search", with(with(with(domainOverview(), "/paid_keywords", 0),
                        "/paid_traffic", 0), "/paid_traffic_value", 0)),
                arguments("competitor_analysis", "two organic competitors", competitorAnalysis()),
                arguments("competitor_analysis", "a competitor sharing all its keywords",
                        with(competitorAnalysis(), "/competitors/0/common_keywords", 9400)),
                arguments("keyword_research", "keywords like a seed keyword", keywordResearch()),
                arguments("keyword_research", "a keyword gap against two competitors", keywordGap()),
                arguments("keyword_research", "no keywords found", with(keywordResearch(), "/keywords", List.of())));
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
                arguments("markdown", "empty markdown", with(markdown(), "/markdown", ""), "/markdown", false),
                arguments("table", "a column type nobody renders", with(table(), "/columns/0/type", "uuid"), "/columns/0/type", false),
                arguments("table", "a column without a type", without(table(), "/columns/0/type"), "/columns/0/type", false),
                arguments("table", "a column name of 101 characters", with(table(), "/columns/0/name", "n".repeat(101)),
                        "/columns/0/name", false),
                arguments("table", "no columns", with(with(table(), "/columns", List.of()), "/rows", List.of()), "/columns", false),
                arguments("table", "51 columns", with(with(table(), "/columns", columns(51)), "/rows", List.of()), "/columns", false),
                arguments("table", "two columns of the same name", with(table(), "/columns/1/name", "customer"),
                        "/columns/1/name", true),
                arguments("table", "a row with fewer cells than columns", with(table(), "/rows/1", List.of("Globex", 17)), "/rows/1", true),
                arguments("table", "a cell that is an object", with(table(), "/rows/0/0", Map.of("name", "Acme")), "/rows/0/0", false),
                arguments("table", "a cell of 10001 characters", with(table(), "/rows/0/0", "x".repeat(10_001)), "/rows/0/0", false),
                arguments("table", "5001 rows", with(with(table(), "/columns", columns(1)), "/rows", rows(5001)), "/rows", false),
                arguments("table", "no rows property", without(table(), "/rows"), "/rows", false),
                arguments("table", "sortable as text", with(table(), "/sortable", "yes"), "/sortable", false),
                arguments("table", "filterable as a number", with(table(), "/filterable", 1), "/filterable", false),
                arguments("table", "a property the renderer does not know", with(table(), "/page_size", 20), "/page_size", false),
                arguments("html", "empty html", with(html(), "/html", ""), "/html", false),
                arguments("html", "html of 500001 characters", with(html(), "/html", "x".repeat(500_001)), "/html", false),
                arguments("html", "no title", without(html(), "/title"), "/title", false),
                arguments("html", "scripts as a property of their own", with(html(), "/scripts", List.of("a.js")), "/scripts", false),
                arguments("diagram", "empty mermaid source", with(diagram(), "/mermaid", ""), "/mermaid", false),
                arguments("diagram", "mermaid source of 50001 characters", with(diagram(), "/mermaid", "x".repeat(50_001)),
                        "/mermaid", false),
                arguments("diagram", "no mermaid source", without(diagram(), "/mermaid"), "/mermaid", false),
                arguments("payment_link", "a zero amount", with(paymentLink(), "/amount", 0), "/amount", false),
                arguments("payment_link", "an amount over 100000000", with(paymentLink(), "/amount", 100_000_001), "/amount", false),
                arguments("payment_link", "an amount with decimals", with(paymentLink(), "/amount", 499.5), "/amount", false),
                arguments("payment_link", "three letters that are no currency", with(paymentLink(), "/currency", "ABC"), "/currency", false),
                arguments("payment_link", "a currency in lower case", with(paymentLink(), "/currency", "usd"), "/currency", false),
                arguments("payment_link", "a status nobody knows", with(paymentLink(), "/status", "refunded"), "/status", false),
                arguments("payment_link", "no status", without(paymentLink(), "/status"), "/status", false),
                arguments("payment_link", "an empty description", with(paymentLink(), "/description", ""), "/description", false),
                arguments("payment_link", "a description of 501 characters", with(paymentLink(), "/description", "d".repeat(501)),
                        "/description", false),
                arguments("domain_overview", "a url instead of a domain", with(domainOverview(), "/domain", "https://example.com/"),
                        "/domain", false),
                arguments("domain_overview", "a domain in upper case", with(domainOverview(), "/domain", "Example.com"), "/domain", false),
                arguments("domain_overview", "a three-letter database", with(domainOverview(), "/database", "usa"), "/database", false),
                arguments("domain_overview", "a currency that does not exist", with(domainOverview(), "/currency", "XYZ"),
                        "/currency", false),
                arguments("domain_overview", "negative organic traffic", with(domainOverview(), "/organic_traffic", -1),
                        "/organic_traffic", false),
                arguments("domain_overview", "a negative traffic value", with(domainOverview(), "/organic_traffic_value", -0.5),
                        "/organic_traffic_value", false),
                arguments("domain_overview", "a fractional keyword count", with(domainOverview(), "/paid_keywords", 1.5),
                        "/paid_keywords", false),
                arguments("domain_overview", "no paid traffic value", without(domainOverview(), "/paid_traffic_value"),
                        "/paid_traffic_value", false),
                arguments("competitor_analysis", "a source nobody knows", with(competitorAnalysis(), "/source", "social"), "/source", false),
                arguments("competitor_analysis", "no competitors", with(competitorAnalysis(), "/competitors", List.of()),
                        "/competitors", false),
                arguments("competitor_analysis", "101 competitors", with(competitorAnalysis(), "/competitors", competitors(101)),
                        "/competitors", false),
                arguments("competitor_analysis", "an overlap above 1", with(competitorAnalysis(), "/competitors/0/overlap", 1.5),
                        "/competitors/0/overlap", false),
                arguments("competitor_analysis", "a negative overlap", with(competitorAnalysis(), "/competitors/0/overlap", -0.1),
                        "/competitors/0/overlap", false),
                arguments("competitor_analysis", "negative traffic", with(competitorAnalysis(), "/competitors/0/traffic", -5),
                        "/competitors/0/traffic", false),
                arguments("competitor_analysis", "a competitor without its keyword total",
                        without(competitorAnalysis(), "/competitors/0/total_keywords"), "/competitors/0/total_keywords", false),
                arguments("competitor_analysis", "a competitor domain without a dot",
                        with(competitorAnalysis(), "/competitors/0/domain", "rival"), "/competitors/0/domain", false),
                arguments("competitor_analysis", "the same competitor twice",
                        with(competitorAnalysis(), "/competitors/1/domain", "rival.com"), "/competitors/1/domain", true),
                arguments("competitor_analysis", "more keywords in common than the competitor has",
                        with(competitorAnalysis(), "/competitors/0/common_keywords", 9401), "/competitors/0/common_keywords", true),
                arguments("keyword_research", "a mode nobody knows", with(keywordResearch(), "/mode", "related"), "/mode", false),
                arguments("keyword_research", "similar mode without a seed keyword", without(keywordResearch(), "/seed_keyword"),
                        "/seed_keyword", true),
                arguments("keyword_research", "gap mode without the own domain", without(keywordGap(), "/domain"), "/domain", true),
                arguments("keyword_research", "gap mode without competitors", without(keywordGap(), "/competitor_domains"),
                        "/competitor_domains", true),
                arguments("keyword_research", "an empty competitor list", with(keywordGap(), "/competitor_domains", List.of()),
                        "/competitor_domains", false),
                arguments("keyword_research", "six competitor domains", with(keywordGap(), "/competitor_domains",
                        List.of("a.com", "b.com", "c.com", "d.com", "e.com", "f.com")), "/competitor_domains", false),
                arguments("keyword_research", "the same competitor twice", with(keywordGap(), "/competitor_domains",
                        List.of("rival.com", "rival.com")), "/competitor_domains", false),
                arguments("keyword_research", "an upper-case database", with(keywordResearch(), "/database", "US"), "/database", false),
                arguments("keyword_research", "a difficulty above 100", with(keywordResearch(), "/keywords/0/difficulty", 101),
                        "/keywords/0/difficulty", false),
                arguments("keyword_research", "a negative volume", with(keywordResearch(), "/keywords/0/volume", -1),
                        "/keywords/0/volume", false),
                arguments("keyword_research", "a negative cost per click", with(keywordResearch(), "/keywords/0/cpc", -0.01),
                        "/keywords/0/cpc", false),
                arguments("keyword_research", "a competition above 1", with(keywordResearch(), "/keywords/0/competition", 1.2),
                        "/keywords/0/competition", false),
                arguments("keyword_research", "an empty keyword", with(keywordResearch(), "/keywords/0/keyword", ""),
                        "/keywords/0/keyword", false),
                arguments("keyword_research", "a keyword of 201 characters", with(keywordResearch(), "/keywords/0/keyword",
                        "k".repeat(201)), "/keywords/0/keyword", false),
                arguments("keyword_research", "1001 keywords", with(keywordResearch(), "/keywords", keywords(1001)), "/keywords", false),
                arguments("keyword_research", "an own domain with a path", with(keywordGap(), "/domain", "example.com/shop"),
                        "/domain", false),
                arguments("keyword_research", "a competitor given as a url", with(keywordGap(), "/competitor_domains/1",
                        "https://rival.com"), "/competitor_domains/1", false),
                arguments("keyword_research", "a seed keyword of 201 characters", with(keywordResearch(), "/seed_keyword",
                        "s".repeat(201)), "/seed_keyword", false),
                arguments("keyword_research", "no keywords property", without(keywordResearch(), "/keywords"), "/keywords", false),
                arguments("competitor_analysis", "an analysed domain with a port", with(competitorAnalysis(), "/domain",
                        "example.com:8080"), "/domain", false),
                arguments("competitor_analysis", "no database", without(competitorAnalysis(), "/database"), "/database", false),
                arguments("domain_overview", "a domain ending in a dot", with(domainOverview(), "/domain", "example.com."),
                        "/domain", false),
                arguments("domain_overview", "a property of another report", with(domainOverview(), "/competitors", List.of()),
                        "/competitors", false));
    }

    static Stream<Arguments> allSamples() {
        return Stream.concat(validSamples(), invalidSamples().map(a -> arguments(a.get()[0], a.get()[1], a.get()[2])));
    }

    @Test
    void knows_exactly_the_types_of_the_contracts_with_their_tool_names() {
        assertThat(REGISTRY.names()).containsExactlyElementsOf(ArtifactTypes.NAMES);
        assertThat(REGISTRY.all()).extracting(ArtifactType::toolName)
                .containsExactly("create_chart_artifact", "create_csv_artifact", "create_code_artifact", "create_markdown_artifact",
                        "create_table_artifact", "create_html_artifact", "create_diagram_artifact", "create_payment_link_artifact",
                        "create_domain_overview_artifact", "create_competitor_analysis_artifact",
                        "create_keyword_research_artifact");
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("TYPES")
    void every_type_requires_a_title_of_1_to_200_characters_and_refuses_unknown_properties(String type) {
        ObjectNode sample = ArtifactSamples.sample(type);

        assertThat(validate(type, with(sample, "/title", "t".repeat(200)))).isEmpty();
        assertThat(validate(type, without(sample, "/title"))).extracting(Violation::field).containsExactly("/title");
        assertThat(validate(type, with(sample, "/title", ""))).extracting(Violation::field).containsExactly("/title");
        assertThat(validate(type, with(sample, "/title", "t".repeat(201)))).extracting(Violation::field).containsExactly("/title");
        assertThat(validate(type, with(sample, "/title", 7))).extracting(Violation::field).containsExactly("/title");
        assertThat(validate(type, with(sample, "/author", "me"))).extracting(Violation::field).containsExactly("/author");
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("TYPES")
    void accepts_the_sample_the_contracts_ship_for_every_type(String type) {
        assertThat(validate(type, ArtifactSamples.sample(type))).isEmpty();
    }

    @Test
    void every_type_has_valid_and_invalid_samples_here() {
        assertThat(validSamples().map(a -> a.get()[0])).containsAll(ArtifactTypes.NAMES);
        assertThat(invalidSamples().map(a -> a.get()[0])).containsAll(ArtifactTypes.NAMES);
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

        assertThat(validate(type, content).stream().map(Violation::field).collect(Collectors.toSet())).isEqualTo(expected);
    }

    @Test
    void every_cross_field_rule_is_stated_in_its_types_schema_description() {
        assertThat(REGISTRY.find("chart").orElseThrow().description()).contains("as many data values as there are labels");
        assertThat(REGISTRY.find("csv").orElseThrow().description()).contains("as many cells as there are headers");
        assertThat(REGISTRY.find("table").orElseThrow().description())
                .contains("Column names must be unique", "as many cells as there are columns");
        assertThat(REGISTRY.find("competitor_analysis").orElseThrow().description())
                .contains("Each competitor domain appears at most once", "common_keywords can be at most its total_keywords");
        assertThat(REGISTRY.find("keyword_research").orElseThrow().description())
                .contains("seed_keyword, which is then required", "domain and competitor_domains are both required");
        assertThat(CrossFieldRules.BY_TYPE).containsOnlyKeys("chart", "csv", "table", "competitor_analysis", "keyword_research");
        assertThat(CrossFieldRules.BY_TYPE.get("table")).hasSize(2);
        assertThat(CrossFieldRules.BY_TYPE.get("competitor_analysis")).hasSize(2);
        assertThat(CrossFieldRules.BY_TYPE.get("keyword_research")).hasSize(2);
    }

    /**
     * The model fills the tool's parameters, not the schema document: the tool must pass and
     * fail exactly what the document does, so no constraint is lost on the way to the model.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("allSamples")
    void the_tool_definition_given_to_the_model_judges_every_sample_like_the_published_schema(
            String type, String what, ObjectNode content) {
        assertThat(fields(toolParameters(type), content)).isEqualTo(standaloneFields(type, content));
    }

    @Test
    void a_cross_field_violation_tells_the_model_what_to_do() {
        assertThat(validate("table", with(table(), "/columns/1/name", "customer"))).singleElement()
                .isEqualTo(new Violation("/columns/1/name",
                        "repeats the name \"customer\" of column 0; every column needs a name of its own"));
        assertThat(validate("table", with(table(), "/rows/1", List.of("Globex")))).singleElement()
                .satisfies(v -> assertThat(v.message()).startsWith("has 1 cell but there are 5 columns (customer, orders"));
        assertThat(validate("competitor_analysis", with(competitorAnalysis(), "/competitors/0/common_keywords", 9401)))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("9401", "9400", "at most total_keywords"));
        assertThat(validate("keyword_research", without(keywordResearch(), "/seed_keyword"))).singleElement()
                .isEqualTo(new Violation("/seed_keyword",
                        "is required when mode is \"similar\": name the keyword to find similar keywords for"));
    }

    @Test
    void names_the_iso_4217_codes_when_a_currency_does_not_exist() {
        assertThat(validate("payment_link", with(paymentLink(), "/currency", "ABC"))).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("\"ABC\"", "\"USD\"", "\"EUR\""));
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

    /**
     * The parameters agent-service's ArtifactToolSpecifications builds for the tool: the root's
     * properties verbatim, its required list and additionalProperties; the other root keywords
     * are annotations ($schema, $id, title) or the tool's description.
     */
    private static JsonNode toolParameters(String type) {
        JsonNode schema = published(type);
        ObjectNode parameters = ArtifactSamples.JSON.createObjectNode().put("type", "object");
        parameters.set("properties", schema.path("properties"));
        parameters.set("required", schema.path("required"));
        parameters.set("additionalProperties", schema.path("additionalProperties"));
        return parameters;
    }

    /** The schema document as the contracts jar ships it. */
    private static JsonNode published(String type) {
        try {
            return ArtifactSamples.JSON.readTree(ArtifactTypes.schema(type));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Map<String, Object>> columns(int count) {
        return IntStream.range(0, count).mapToObj(i -> Map.<String, Object>of("name", "c" + i, "type", "string")).toList();
    }

    private static List<List<String>> rows(int count) {
        return IntStream.range(0, count).mapToObj(i -> List.of("r" + i)).toList();
    }

    private static List<Map<String, Object>> competitors(int count) {
        return IntStream.range(0, count).mapToObj(i -> Map.<String, Object>of("domain", "c" + i + ".com",
                "common_keywords", 1, "total_keywords", 2, "overlap", 0.5)).toList();
    }

    private static List<Map<String, Object>> keywords(int count) {
        return IntStream.range(0, count).mapToObj(i -> Map.<String, Object>of("keyword", "k" + i, "volume", 1, "cpc", 0.5,
                "difficulty", 10)).toList();
    }

    private static List<Violation> validate(String type, ObjectNode content) {
        return VALIDATOR.validate(REGISTRY.find(type).orElseThrow(), content);
    }

    /**
     * What networknt finds with nothing but the schema document from the contracts jar, as
     * JSON Pointers (a missing or unknown property is pointed at by its own name).
     */
    private static Set<String> standaloneFields(String type, JsonNode content) {
        return fields(published(type), content);
    }

    private static Set<String> fields(JsonNode schema, JsonNode content) {
        Set<ValidationMessage> messages = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(schema, SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build())
                .validate(content);
        return messages.stream()
                .map(m -> m.getProperty() == null ? m.getInstanceLocation().toString()
                        : m.getInstanceLocation() + "/" + m.getProperty())
                .collect(Collectors.toSet());
    }
}
