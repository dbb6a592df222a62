package dev.agenticchat.simulator;

import static dev.agenticchat.simulator.SimulatorHttp.CHART_SCHEMA;
import static dev.agenticchat.simulator.SimulatorHttp.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
        assertThat(arguments.path("code").asText()).isEqualTo("print('hello')\n");
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
}
