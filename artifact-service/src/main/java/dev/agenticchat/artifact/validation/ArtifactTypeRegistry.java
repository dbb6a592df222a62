package dev.agenticchat.artifact.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import dev.agenticchat.contracts.artifacts.ArtifactTypes;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every type of {@link ArtifactTypes#NAMES}, its schema compiled at startup (a broken schema fails the start). */
@Singleton
public class ArtifactTypeRegistry {
    static final ObjectMapper JSON = new ObjectMapper();

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    /** Instance locations as JSON Pointers, the form errors report fields in. */
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .build();

    private final Map<String, ArtifactType> types = new LinkedHashMap<>();

    ArtifactTypeRegistry() {
        for (String rulesType : CrossFieldRules.BY_TYPE.keySet()) {
            if (!ArtifactTypes.exists(rulesType)) {
                throw new IllegalStateException("cross-field rules registered for unknown artifact type " + rulesType);
            }
        }
        for (String name : ArtifactTypes.NAMES) {
            JsonNode document = parse(name, ArtifactTypes.schema(name));
            if (!requiresTitle(document)) {
                throw new IllegalStateException("the schema of artifact type " + name
                        + " must require a string title: every artifact is stored and listed under its title");
            }
            types.put(name, new ArtifactType(name, ArtifactTypes.toolName(name), document.path("description").asText(""),
                    document, FACTORY.getSchema(document, CONFIG), CrossFieldRules.forType(name)));
        }
    }

    public Optional<ArtifactType> find(String name) {
        return Optional.ofNullable(name == null ? null : types.get(name));
    }

    public List<ArtifactType> all() {
        return List.copyOf(types.values());
    }

    public List<String> names() {
        return List.copyOf(types.keySet());
    }

    static boolean requiresTitle(JsonNode schema) {
        boolean required = false;
        for (JsonNode property : schema.path("required")) {
            required |= property.asText().equals("title");
        }
        return required && schema.path("properties").path("title").path("type").asText().equals("string");
    }

    private static JsonNode parse(String name, String schema) {
        try {
            return JSON.readTree(schema);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the JSON Schema of artifact type " + name + " is not JSON", e);
        }
    }
}
