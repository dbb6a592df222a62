package dev.agenticchat.simulator;

import static dev.agenticchat.simulator.SimulatorHttp.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class SchemaInstanceGeneratorTest {

    private static final String SCHEMA = """
            {"type":"object",
             "required":["title","kind","series","options","owner","created_at","homepage"],
             "properties":{
               "title":{"type":"string","minLength":12,"maxLength":20},
               "kind":{"type":"string","enum":["bar","line"]},
               "optional_note":{"type":"string"},
               "tags":{"type":"array","minItems":2,"items":{"type":"string"}},
               "series":{"type":"array","minItems":3,"maxItems":5,"uniqueItems":true,"items":{"$ref":"#/$defs/point"}},
               "options":{"type":"object","required":["stacked","opacity","legend"],
                          "properties":{"stacked":{"type":"boolean"},
                                        "opacity":{"type":"number","exclusiveMinimum":0,"maximum":1},
                                        "legend":{"oneOf":[{"type":"null"},{"$ref":"#/definitions/legend"}]}}},
               "owner":{"type":["string","null"],"format":"email"},
               "created_at":{"type":"string","format":"date-time"},
               "homepage":{"type":"string","format":"uri"}},
             "$defs":{"point":{"type":"object","required":["x","y"],"additionalProperties":false,
                               "properties":{"x":{"type":"integer","minimum":100},
                                             "y":{"type":"integer","exclusiveMinimum":5,"maximum":25,
                                                  "multipleOf":2}}}},
             "definitions":{"legend":{"type":"object","required":["position"],
                                      "properties":{"position":{"const":"top"}}}}}""";

    @Test
    void generates_an_instance_satisfying_nested_objects_arrays_enums_and_bounds() {
        JsonNode instance = SchemaInstanceGenerator.generate(parse(SCHEMA));

        assertThat(instance.properties()).extracting(entry -> entry.getKey())
                .containsExactlyInAnyOrder("title", "kind", "series", "options", "owner", "created_at",
                        "homepage", "tags");

        String title = instance.path("title").asText();
        assertThat(title.length()).isBetween(12, 20);
        assertThat(instance.path("kind").asText()).isEqualTo("bar");
        assertThat(instance.path("tags")).hasSize(2);

        JsonNode series = instance.path("series");
        assertThat(series).hasSize(3);
        assertThat(series).doesNotHaveDuplicates();
        for (JsonNode point : series) {
            assertThat(point.properties()).hasSize(2);
            assertThat(point.path("x").isIntegralNumber()).isTrue();
            assertThat(point.path("x").asInt()).isGreaterThanOrEqualTo(100);
            assertThat(point.path("y").asInt()).isGreaterThan(5).isLessThanOrEqualTo(25);
            assertThat(point.path("y").asInt() % 2).isZero();
        }

        JsonNode options = instance.path("options");
        assertThat(options.path("stacked").isBoolean()).isTrue();
        assertThat(options.path("opacity").asDouble()).isGreaterThan(0).isLessThanOrEqualTo(1);
        assertThat(options.at("/legend/position").asText()).isEqualTo("top");

        assertThat(instance.path("owner").asText()).matches("[a-z]+@example\\.com");
        assertThat(instance.path("created_at").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(instance.path("homepage").asText()).startsWith("https://");
    }

    @Test
    void prefers_round_series_values_within_the_bounds() {
        JsonNode instance = SchemaInstanceGenerator.generate(parse("""
                {"type":"array","minItems":3,"items":{"type":"number"}}"""));

        assertThat(instance).extracting(JsonNode::asInt).containsExactly(10, 20, 30);
    }
}
