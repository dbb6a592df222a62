package dev.agenticchat.artifact.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Checks content against its type's JSON Schema and then its cross-field rules, and
 * reports every violation at once, so the model can fix them all in one retry.
 */
@Singleton
public class ArtifactValidator {

    /** Content as the HTTP body carried it: maps, lists and scalars. */
    public List<Violation> validate(ArtifactType type, Map<String, Object> content) {
        JsonNode tree = ArtifactTypeRegistry.JSON.valueToTree(content);
        return validate(type, tree);
    }

    public List<Violation> validate(ArtifactType type, JsonNode content) {
        Set<Violation> violations = new LinkedHashSet<>();
        for (ValidationMessage message : type.schema().validate(content)) {
            violations.add(describe(message, type.schemaDocument()));
        }
        for (CrossFieldRule rule : type.crossFieldRules()) {
            violations.addAll(rule.check(content));
        }
        List<Violation> sorted = new ArrayList<>(violations);
        sorted.sort(Comparator.comparing(Violation::field).thenComparing(Violation::message));
        return sorted;
    }

    /**
     * Turns a schema finding into a field and a message that names the way out: the allowed
     * values, the allowed properties, the field's own description.
     */
    static Violation describe(ValidationMessage message, JsonNode schemaDocument) {
        String location = message.getInstanceLocation().toString();
        JsonNode subschema = schemaDocument.at(parentOf(keywordPointer(message)));
        return switch (message.getType()) {
            case "required" -> new Violation(child(location, message.getProperty()),
                    "required property \"" + message.getProperty() + "\" is missing"
                            + describedAs(subschema.path("properties").path(message.getProperty())));
            case "additionalProperties" -> new Violation(child(location, message.getProperty()),
                    "property \"" + message.getProperty() + "\" is not allowed here; the allowed properties are "
                            + String.join(", ", fieldNames(subschema.path("properties"))));
            case "enum" -> new Violation(location,
                    shown(message.getInstanceNode()) + " is not allowed; use one of "
                            + values(message.getSchemaNode()));
            case "pattern" -> new Violation(location,
                    shown(message.getInstanceNode()) + " does not match the pattern " + message.getSchemaNode().asText()
                            + describedAs(subschema));
            case "uniqueItems" -> new Violation(location,
                    "must not contain the same value twice; repeated: " + duplicates(message.getInstanceNode()));
            default -> new Violation(location, message.getError());
        };
    }

    /** The keyword's place in the schema document, e.g. {@code /properties/chart_type/enum}. */
    private static String keywordPointer(ValidationMessage message) {
        String location = message.getSchemaLocation().toString();
        int hash = location.indexOf('#');
        return hash < 0 ? "" : location.substring(hash + 1);
    }

    private static String parentOf(String pointer) {
        int slash = pointer.lastIndexOf('/');
        return slash <= 0 ? "" : pointer.substring(0, slash);
    }

    /** RFC 6901: {@code ~} and {@code /} in a property name are escaped. */
    private static String child(String pointer, String property) {
        return pointer + "/" + property.replace("~", "~0").replace("/", "~1");
    }

    private static String describedAs(JsonNode schema) {
        String description = schema.path("description").asText("");
        return description.isBlank() ? "" : " (" + description + ")";
    }

    private static List<String> fieldNames(JsonNode properties) {
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String values(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(ArtifactValidator::shown)
                .collect(Collectors.joining(", "));
    }

    private static String duplicates(JsonNode array) {
        Set<JsonNode> seen = new HashSet<>();
        Set<String> repeated = new LinkedHashSet<>();
        for (JsonNode item : array) {
            if (!seen.add(item)) {
                repeated.add(shown(item));
            }
        }
        return String.join(", ", repeated);
    }

    private static String shown(JsonNode value) {
        return value == null ? "the value" : value.toString();
    }
}
