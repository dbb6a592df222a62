package dev.agenticchat.e2e.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON Schemas of deploy/k8s/schemas, one per apiVersion and kind, so a manifest is checked
 * against the API it is sent to without a cluster (the files say where each schema comes from).
 */
final class Schemas {

    private static final List<String> FILES = List.of("deploy/k8s/schemas/kubernetes.json", "deploy/k8s/schemas/crds.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, JsonSchema> byKind;

    private Schemas(Map<String, JsonSchema> byKind) {
        this.byKind = byKind;
    }

    static Schemas load() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        Map<String, JsonSchema> byKind = new LinkedHashMap<>();
        for (String file : FILES) {
            JsonNode document = parse(Repo.read(file));
            document.get("$defs").fieldNames().forEachRemaining(name -> {
                JsonNode definition = document.get("$defs").get(name);
                if (definition.path("properties").has("kind")) {
                    // The whole file with a root $ref to the kind: its own #/$defs references resolve.
                    ObjectNode root = document.deepCopy();
                    root.put("$ref", "#/$defs/" + name);
                    byKind.put(name, factory.getSchema(root));
                }
            });
        }
        return new Schemas(byKind);
    }

    /** Problems of one object; an apiVersion and kind without a schema is one. */
    List<String> validate(Map<String, Object> object) {
        String key = String.valueOf(object.get("apiVersion")).replace('/', '.') + "." + object.get("kind");
        JsonSchema schema = byKind.get(key);
        if (schema == null) {
            return List.of("no schema " + key + " in " + FILES);
        }
        Set<ValidationMessage> messages = schema.validate(JSON.valueToTree(object));
        List<String> problems = new ArrayList<>();
        messages.forEach(message -> problems.add(message.getMessage()));
        return problems;
    }

    Set<String> kinds() {
        return byKind.keySet();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
