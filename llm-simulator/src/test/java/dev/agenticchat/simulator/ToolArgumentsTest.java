package dev.agenticchat.simulator;

import static dev.agenticchat.simulator.SimulatorHttp.CHART_SCHEMA;
import static dev.agenticchat.simulator.SimulatorHttp.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.agenticchat.contracts.artifacts.ArtifactTypes;
import org.junit.jupiter.api.Test;

class ToolArgumentsTest {

    @Test
    void uses_the_curated_chart_when_the_schema_requires_nothing_else() {
        JsonNode arguments = ToolArguments.valid("create_chart_artifact", parse(CHART_SCHEMA), "chart");

        assertThat(arguments.path("title").asText()).isEqualTo("Quarterly sales");
        assertThat(arguments.path("labels")).hasSize(4);
        assertThat(arguments.path("y_axis_title").asText()).isEqualTo("Sales (k$)");
    }

    @Test
    void drops_curated_properties_a_closed_schema_does_not_declare() {
        JsonNode schema = parse("""
                {"type":"object","required":["title","code"],"additionalProperties":false,
                 "properties":{"title":{"type":"string"},"code":{"type":"string"},"language":{"type":"string"}}}""");

        JsonNode arguments = ToolArguments.valid("create_code_artifact", schema, "code");

        assertThat(arguments.properties()).extracting(entry -> entry.getKey())
                .containsExactlyInAnyOrder("title", "code", "language");
        assertThat(arguments.path("code").asText()).isEqualTo(parse(ArtifactTypes.sample("code")).path("code").asText());
    }

    @Test
    void falls_back_to_generated_arguments_when_the_schema_requires_what_the_sample_lacks() {
        JsonNode schema = parse("""
                {"type":"object","required":["document_title","body"],
                 "properties":{"document_title":{"type":"string"},"body":{"type":"string","minLength":10}}}""");

        JsonNode arguments = ToolArguments.valid("create_markdown_artifact", schema, "document");

        assertThat(arguments.has("markdown")).isFalse();
        assertThat(arguments.path("document_title").asText()).isNotEmpty();
        assertThat(arguments.path("body").asText()).hasSizeGreaterThanOrEqualTo(10);
    }

    @Test
    void searches_the_knowledge_base_for_the_user_text() {
        JsonNode schema = parse("""
                {"type":"object","required":["query"],"properties":{"query":{"type":"string"}}}""");

        assertThat(ToolArguments.valid("search_knowledge", schema, "what is the refund policy?").path("query")
                .asText()).isEqualTo("what is the refund policy?");
    }

    @Test
    void calculates_recalls_and_tells_the_time_from_the_user_text() {
        JsonNode schema = parse("{\"type\":\"object\",\"properties\":{}}");

        assertThat(ToolArguments.valid("calculate", schema, "(2 + 3) * 4").path("expression").asText()).isEqualTo("(2 + 3) * 4");
        assertThat(ToolArguments.valid("recall_conversations", schema, "refund policy").path("query").asText())
                .isEqualTo("refund policy");
        assertThat(ToolArguments.valid("current_datetime", schema, "time in America/New_York?").path("time_zone").asText())
                .isEqualTo("America/New_York");
        assertThat(ToolArguments.valid("current_datetime", schema, "what time is it?").isEmpty()).isTrue();
    }

    @Test
    void creates_every_artifact_type_of_the_contracts_with_arguments_its_schema_accepts() {
        JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        for (String type : ArtifactTypes.NAMES) {
            JsonNode schemaDocument = parse(ArtifactTypes.schema(type));
            JsonSchema schema = schemas.getSchema(schemaDocument);

            JsonNode arguments = ToolArguments.valid(ArtifactTypes.toolName(type), schemaDocument, "make one");

            assertThat(schema.validate(arguments)).as(type + ": " + arguments).isEmpty();
            assertThat(arguments).as(type).isEqualTo(parse(ArtifactTypes.sample(type)));
        }
    }

    @Test
    void updates_the_artifact_of_a_tool_result_with_a_title_patch() {
        JsonNode arguments = ToolArguments.update(parse("""
                {"id":"a-1","type":"chart","title":"Quarterly sales","version":1}"""));

        assertThat(arguments).isEqualTo(parse("""
                {"artifact_id":"a-1","patch":{"title":"Quarterly sales (v2)"}}"""));
    }

    @Test
    void analyses_the_domain_named_in_the_text_or_example_com() {
        JsonNode schema = parse("{\"type\":\"object\",\"required\":[\"domain\"]}");

        assertThat(ToolArguments.valid("analyze_domain_seo", schema, "SEO of Shop.Example.org please").path("domain")
                .asText()).isEqualTo("shop.example.org");
        assertThat(ToolArguments.valid("analyze_competitors", schema, "who are my competitors?"))
                .isEqualTo(parse("{\"domain\":\"example.com\",\"database\":\"us\",\"source\":\"organic\"}"));
    }

    @Test
    void researches_a_keyword_gap_when_the_text_names_several_domains_and_similar_keywords_otherwise() {
        JsonNode schema = parse("{\"type\":\"object\",\"required\":[\"mode\"]}");

        assertThat(ToolArguments.valid("research_keywords", schema, "keyword gap of mine.com against rival.com, other.io"))
                .isEqualTo(parse("""
                        {"mode":"gap","database":"us","domain":"mine.com","competitor_domains":["rival.com","other.io"]}"""));
        assertThat(ToolArguments.valid("research_keywords", schema, "keywords like \"trail shoes\"").path("seed_keyword")
                .asText()).isEqualTo("trail shoes");
    }
}
