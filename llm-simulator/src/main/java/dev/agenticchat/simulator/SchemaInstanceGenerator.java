package dev.agenticchat.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Produces a small instance that satisfies a JSON Schema, so the simulator can call any tool with valid arguments.
 *
 * <p>Values depend on an ordinal (the position inside the enclosing array, inherited by nested properties) so that
 * array items differ from each other, which keeps {@code uniqueItems} satisfied and makes generated data look like
 * a series (10, 20, 30...).
 */
final class SchemaInstanceGenerator {

    private static final int MAX_DEPTH = 16;
    private static final List<String> WORDS =
            List.of("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel");

    private final JsonNode root;

    private SchemaInstanceGenerator(JsonNode root) {
        this.root = root;
    }

    static JsonNode generate(JsonNode schema) {
        return new SchemaInstanceGenerator(schema).instance(schema, 0, 0);
    }

    private JsonNode instance(JsonNode schema, int ordinal, int depth) {
        if (schema == null || !schema.isObject() || depth > MAX_DEPTH) {
            // A boolean schema `true` or an unresolvable one accepts anything; a word is the least surprising value.
            return TextNode.valueOf(word(ordinal));
        }
        if (schema.has("$ref")) {
            return instance(resolve(schema.get("$ref").asText()), ordinal, depth + 1);
        }
        if (schema.has("const")) {
            return schema.get("const").deepCopy();
        }
        JsonNode enumeration = schema.path("enum");
        if (enumeration.isArray() && !enumeration.isEmpty()) {
            return enumeration.get(ordinal % enumeration.size()).deepCopy();
        }
        for (String combinator : List.of("oneOf", "anyOf")) {
            JsonNode branch = firstNonNullBranch(schema.path(combinator));
            if (branch != null) {
                return instance(branch, ordinal, depth + 1);
            }
        }
        if (schema.path("allOf").isArray()) {
            return allOf(schema, ordinal, depth);
        }
        return switch (typeOf(schema)) {
            case "object" -> object(schema, ordinal, depth);
            case "array" -> array(schema, depth);
            case "integer" -> number(schema, ordinal, true);
            case "number" -> number(schema, ordinal, false);
            case "boolean" -> BooleanNode.TRUE;
            case "null" -> NullNode.instance;
            default -> string(schema, ordinal);
        };
    }

    private JsonNode resolve(String ref) {
        if (!ref.startsWith("#")) {
            return null;
        }
        JsonNode target = root.at(ref.substring(1));
        return target.isMissingNode() ? null : target;
    }

    private static JsonNode firstNonNullBranch(JsonNode branches) {
        for (JsonNode branch : branches) {
            if (!"null".equals(branch.path("type").asText())) {
                return branch;
            }
        }
        return null;
    }

    /** Generates every branch (and the schema's own keywords) and merges the objects, since all must hold. */
    private JsonNode allOf(JsonNode schema, int ordinal, int depth) {
        ObjectNode own = ((ObjectNode) schema).deepCopy();
        own.remove("allOf");
        JsonNode merged = own.size() > 0 ? instance(own, ordinal, depth + 1) : null;
        for (JsonNode branch : schema.get("allOf")) {
            JsonNode part = instance(branch, ordinal, depth + 1);
            if (merged instanceof ObjectNode mergedObject && part instanceof ObjectNode partObject) {
                mergedObject.setAll(partObject);
            } else {
                merged = part;
            }
        }
        return merged == null ? Json.object() : merged;
    }

    private static String typeOf(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isTextual()) {
            return type.asText();
        }
        for (JsonNode candidate : type) {
            if (!"null".equals(candidate.asText())) {
                return candidate.asText();
            }
        }
        if (schema.has("properties") || schema.has("required") || schema.has("additionalProperties")) {
            return "object";
        }
        if (schema.has("items") || schema.has("prefixItems") || schema.has("minItems")) {
            return "array";
        }
        if (schema.has("minimum") || schema.has("maximum")
                || schema.has("exclusiveMinimum") || schema.has("exclusiveMaximum")) {
            return "number";
        }
        return "string";
    }

    private JsonNode object(JsonNode schema, int ordinal, int depth) {
        JsonNode properties = schema.path("properties");
        Set<String> names = new LinkedHashSet<>();
        schema.path("required").forEach(name -> names.add(name.asText()));
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            // An optional array that must not be empty signals the schema author cares about it: include it.
            if (property.getValue().path("minItems").asInt(0) > 0) {
                names.add(property.getKey());
            }
        }
        int minProperties = schema.path("minProperties").asInt(0);
        for (Iterator<String> it = properties.fieldNames(); it.hasNext() && names.size() < minProperties; ) {
            names.add(it.next());
        }
        ObjectNode out = Json.object();
        for (String name : names) {
            JsonNode propertySchema = properties.has(name) ? properties.get(name) : schema.get("additionalProperties");
            out.set(name, instance(propertySchema, ordinal, depth + 1));
        }
        return out;
    }

    private JsonNode array(JsonNode schema, int depth) {
        int count = Math.max(schema.path("minItems").asInt(0), 1);
        if (schema.has("maxItems")) {
            count = Math.min(count, schema.get("maxItems").asInt());
        }
        // Draft 2020-12 tuples use prefixItems; older drafts put the tuple in items itself.
        JsonNode tuple = schema.has("prefixItems") ? schema.get("prefixItems")
                : schema.path("items").isArray() ? schema.get("items") : null;
        JsonNode rest = tuple == null ? schema.get("items")
                : schema.has("prefixItems") ? schema.get("items") : schema.get("additionalItems");
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (int i = 0; i < count; i++) {
            JsonNode itemSchema = tuple != null && i < tuple.size() ? tuple.get(i) : rest;
            out.add(instance(itemSchema, i, depth + 1));
        }
        return out;
    }

    private static JsonNode string(JsonNode schema, int ordinal) {
        String value = switch (schema.path("format").asText("")) {
            case "date-time" -> "2024-01-0" + (ordinal % 9 + 1) + "T00:00:00Z";
            case "date" -> "2024-01-0" + (ordinal % 9 + 1);
            case "time" -> "12:00:0" + ordinal % 10;
            case "uri", "url", "uri-reference", "iri" -> "https://example.com/" + word(ordinal);
            case "email", "idn-email" -> word(ordinal) + "@example.com";
            case "uuid" -> String.format("00000000-0000-4000-8000-%012d", ordinal);
            case "hostname" -> word(ordinal) + ".example.com";
            case "ipv4" -> "127.0.0." + (ordinal % 254 + 1);
            default -> word(ordinal);
        };
        int minLength = schema.path("minLength").asInt(0);
        if (value.length() < minLength) {
            value = value + "x".repeat(minLength - value.length());
        }
        if (schema.has("maxLength") && value.length() > schema.get("maxLength").asInt()) {
            value = value.substring(0, schema.get("maxLength").asInt());
        }
        return TextNode.valueOf(value);
    }

    private static String word(int ordinal) {
        return WORDS.get(ordinal % WORDS.size());
    }

    private static JsonNode number(JsonNode schema, int ordinal, boolean integer) {
        Bounds bounds = Bounds.of(schema);
        double value = 10.0 * (ordinal + 1);
        double multipleOf = schema.path("multipleOf").asDouble(0);
        if (integer) {
            long low = bounds.lowExclusive() ? (long) Math.floor(bounds.low()) + 1 : (long) Math.ceil(bounds.low());
            long high = bounds.highExclusive() ? (long) Math.ceil(bounds.high()) - 1 : (long) Math.floor(bounds.high());
            long chosen = (long) value;
            if (chosen < low) {
                chosen = low + ordinal;
            }
            if (chosen > high) {
                chosen = Math.max(low, high - ordinal);
            }
            if (multipleOf >= 1) {
                long step = (long) multipleOf;
                long rounded = Math.floorDiv(chosen + step - 1, step) * step;
                chosen = rounded <= high ? rounded : rounded - step;
            }
            return LongNode.valueOf(chosen);
        }
        if (!bounds.admits(value)) {
            value = bounds.low() + ordinal + (bounds.lowExclusive() ? 1 : 0);
        }
        if (!bounds.admits(value)) {
            value = bounds.high() - ordinal - (bounds.highExclusive() ? 1 : 0);
        }
        if (!bounds.admits(value)) {
            value = (bounds.low() + bounds.high()) / 2;
        }
        if (multipleOf > 0 && bounds.admits(Math.ceil(value / multipleOf) * multipleOf)) {
            value = Math.ceil(value / multipleOf) * multipleOf;
        }
        return value == Math.rint(value) ? LongNode.valueOf((long) value) : DoubleNode.valueOf(value);
    }

    /** Numeric range of a schema, accepting both draft-4 boolean and newer numeric exclusive bounds. */
    private record Bounds(double low, boolean lowExclusive, double high, boolean highExclusive) {

        static Bounds of(JsonNode schema) {
            double low = schema.path("minimum").asDouble(Double.NEGATIVE_INFINITY);
            boolean lowExclusive = schema.path("exclusiveMinimum").booleanValue();
            if (schema.path("exclusiveMinimum").isNumber() && schema.get("exclusiveMinimum").asDouble() >= low) {
                low = schema.get("exclusiveMinimum").asDouble();
                lowExclusive = true;
            }
            double high = schema.path("maximum").asDouble(Double.POSITIVE_INFINITY);
            boolean highExclusive = schema.path("exclusiveMaximum").booleanValue();
            if (schema.path("exclusiveMaximum").isNumber() && schema.get("exclusiveMaximum").asDouble() <= high) {
                high = schema.get("exclusiveMaximum").asDouble();
                highExclusive = true;
            }
            return new Bounds(low, lowExclusive, high, highExclusive);
        }

        boolean admits(double value) {
            boolean aboveLow = lowExclusive ? value > low : value >= low;
            boolean belowHigh = highExclusive ? value < high : value <= high;
            return aboveLow && belowHigh;
        }
    }
}
