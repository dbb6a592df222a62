package dev.agenticchat.agent.tool.artifact;

import dev.agenticchat.contracts.artifacts.ArtifactTypes;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code create_<type>_artifact} tools, built from the contracts' JSON Schemas (the one
 * definition of each type). langchain4j wants a {@link JsonObjectSchema} for tool
 * parameters and re-serialises it; its typed elements would drop every constraint keyword
 * (minItems, maxLength, pattern, nested additionalProperties...), so each property is
 * passed as a {@link JsonRawSchema}, which it copies verbatim. What the root object cannot
 * carry: {@code additionalProperties} (langchain4j writes it only in strict mode, and strict
 * mode would make every optional property required) and the annotations {@code $schema},
 * {@code $id}, {@code title}; the schema's {@code description} becomes the tool's.
 */
final class ArtifactToolSpecifications {
    private ArtifactToolSpecifications() {
    }

    static List<ToolSpecification> all(JsonMapper json) {
        return ArtifactTypes.NAMES.stream().map(type -> of(type, json)).toList();
    }

    static ToolSpecification of(String type, JsonMapper json) {
        try {
            JsonNode schema = json.readValue(ArtifactTypes.schema(type), JsonNode.class);
            JsonObjectSchema.Builder parameters = JsonObjectSchema.builder();
            for (Map.Entry<String, JsonNode> property : schema.get("properties").entries()) {
                parameters.addProperty(property.getKey(), JsonRawSchema.from(json.writeValueAsString(property.getValue())));
            }
            List<String> required = new ArrayList<>();
            JsonNode requiredNode = schema.get("required");
            if (requiredNode != null) {
                requiredNode.values().forEach(name -> required.add(name.getStringValue()));
            }
            parameters.required(required);
            JsonNode additional = schema.get("additionalProperties");
            if (additional != null && additional.isBoolean()) {
                parameters.additionalProperties(additional.getBooleanValue());
            }
            return ToolSpecification.builder()
                    .name(ArtifactTypes.toolName(type))
                    .description(schema.get("description").getStringValue())
                    .parameters(parameters.build())
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JSON Schema of artifact type " + type, e);
        }
    }
}
