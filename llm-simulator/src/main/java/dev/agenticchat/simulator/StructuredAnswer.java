package dev.agenticchat.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers that read the whole conversation rather than its last message: a JSON object valid for the
 * {@code response_format} schema, with what the user said about themselves filled in (a lead profile:
 * name, email, phone, address, products of interest, preferences), and the plain summary a system
 * prompt containing {@link #SUMMARY_MARKER} asks for.
 */
final class StructuredAnswer {

    /** A system prompt containing this asks for a summary of the conversation. */
    static final String SUMMARY_MARKER = "Summarize the conversation";

    private static final int MAX_TOPIC_CHARS = 120;
    private static final Set<String> LEAD_DETAILS = Set.of("name", "email", "phone", "address");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d ().-]{5,}\\d");
    private static final Pattern NAME = Pattern.compile("(?i:my name is)\\s+(\\p{Lu}[\\p{L}'-]*(?:\\s+\\p{Lu}[\\p{L}'-]*)*)");
    private static final Pattern ADDRESS = Pattern.compile("(?i:my address is|I live at)\\s+([^.;!?\\n]+)");
    private static final Pattern INTEREST = Pattern.compile("(?i:interested in)\\s+([^.,;!?\\n]+)");
    private static final Pattern PREFERENCE = Pattern.compile("(?i:I(?: would|'d)? prefer)\\s+([^.;!?\\n]+)");

    private StructuredAnswer() {
    }

    /**
     * A valid instance of the schema; properties named like lead details get what the user wrote (or null, when
     * the schema allows it and the user did not say), every other property a generated value.
     */
    static JsonNode of(JsonNode schema, List<String> userTexts) {
        JsonNode instance = SchemaInstanceGenerator.generate(schema);
        if (!(instance instanceof ObjectNode object)) {
            return instance;
        }
        String text = String.join("\n", userTexts.stream().map(t -> Directives.parse(t).plainText()).toList());
        Set<String> required = new LinkedHashSet<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        JsonNode properties = schema.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            String name = property.getKey();
            Optional<JsonNode> value = leadValue(name, text);
            if (value.isPresent()) {
                object.set(name, value.get());
            } else if (LEAD_DETAILS.contains(name)) {
                // Not said: null where the schema allows it, a placeholder only where it insists, else left out.
                if (admitsNull(property.getValue())) {
                    object.putNull(name);
                } else if (!required.contains(name)) {
                    object.remove(name);
                }
            }
        }
        return object;
    }

    /** A short deterministic summary that says how many messages it covers. */
    static String summary(long messageCount, List<String> userTexts) {
        String first = userTexts.isEmpty() ? "" : Directives.parse(userTexts.get(0)).plainText();
        String topic = first.length() <= MAX_TOPIC_CHARS ? first : first.substring(0, MAX_TOPIC_CHARS);
        return "Summary of a conversation of " + messageCount + " messages: the user wrote about \"" + topic + "\".";
    }

    /** What the user said for a lead property, if the property is one and they said it. */
    private static Optional<JsonNode> leadValue(String name, String text) {
        return switch (name) {
            case "name" -> single(NAME, 1, text);
            case "email" -> single(EMAIL, 0, text);
            case "phone" -> single(PHONE, 0, text);
            case "address" -> single(ADDRESS, 1, text);
            case "products_and_services", "products", "interests" -> Optional.of(all(INTEREST, text));
            case "preferences" -> Optional.of(all(PREFERENCE, text));
            default -> Optional.empty();
        };
    }

    private static Optional<JsonNode> single(Pattern pattern, int group, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Optional.of(Json.MAPPER.getNodeFactory().textNode(matcher.group(group).strip()))
                : Optional.empty();
    }

    private static ArrayNode all(Pattern pattern, String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1).strip());
        }
        ArrayNode array = Json.MAPPER.createArrayNode();
        new ArrayList<>(found).forEach(array::add);
        return array;
    }

    private static boolean admitsNull(JsonNode schema) {
        JsonNode type = schema.path("type");
        if ("null".equals(type.asText())) {
            return true;
        }
        for (JsonNode candidate : type) {
            if ("null".equals(candidate.asText())) {
                return true;
            }
        }
        for (String combinator : List.of("anyOf", "oneOf")) {
            for (JsonNode branch : schema.path(combinator)) {
                if (admitsNull(branch)) {
                    return true;
                }
            }
        }
        return false;
    }
}
