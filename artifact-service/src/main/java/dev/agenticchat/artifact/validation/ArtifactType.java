package dev.agenticchat.artifact.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import java.util.List;
import java.util.Map;

/**
 * An artifact type as this service knows it: its JSON Schema from the contracts jar (the
 * one definition, also the parameters of its tool), compiled once, plus the cross-field
 * rules the schema cannot express.
 */
public record ArtifactType(String name, String toolName, String description, JsonNode schemaDocument,
                           JsonSchema schema, List<CrossFieldRule> crossFieldRules) {

    /** The schema document as plain maps and lists, to hand out over HTTP as it is. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> schemaAsMap() {
        return ArtifactTypeRegistry.JSON.convertValue(schemaDocument, Map.class);
    }
}
