package dev.agenticchat.agent.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.agenticchat.contracts.events.ConversationSummarized;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lead profile the model extracts: ONE JSON Schema, sent to the model as the
 * {@code response_format} (strict: every property present, unknown details null) and checked
 * again here, because not every OpenAI-compatible endpoint enforces it.
 */
final class LeadProfiles {
    static final String SCHEMA_NAME = "lead_profile";
    static final JsonObjectSchema SCHEMA = schema();
    static final ResponseFormat RESPONSE_FORMAT = ResponseFormat.builder()
            .type(ResponseFormatType.JSON)
            .jsonSchema(JsonSchema.builder().name(SCHEMA_NAME).rootElement(SCHEMA).build())
            .build();

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Some models wrap JSON in a markdown fence even when asked for JSON. */
    private static final Pattern FENCED = Pattern.compile("^```(?:json)?\\s*(.*?)\\s*```$", Pattern.DOTALL);
    private static final com.networknt.schema.JsonSchema VALIDATOR = JsonSchemaFactory
            .getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(JSON.valueToTree(JsonSchemaElementUtils.toMap(SCHEMA, true)));

    private LeadProfiles() {
    }

    /** The profile in the model's answer, or empty (with the reason) if it is not JSON valid for the schema. */
    static Optional<ConversationSummarized.Lead> parse(@Nullable String answer, List<String> problems) {
        if (answer == null || answer.isBlank()) {
            problems.add("empty answer");
            return Optional.empty();
        }
        String text = answer.strip();
        Matcher fenced = FENCED.matcher(text);
        if (fenced.matches()) {
            text = fenced.group(1);
        }
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (IOException e) {
            problems.add("not JSON");
            return Optional.empty();
        }
        Set<ValidationMessage> errors = json == null ? Set.of() : VALIDATOR.validate(json);
        if (json == null || !errors.isEmpty()) {
            // The messages name the schema rule broken, never the values: no personal data in logs.
            errors.forEach(error -> problems.add(error.getInstanceLocation() + " " + error.getType()));
            return Optional.empty();
        }
        return Optional.of(new ConversationSummarized.Lead(text(json, "name"), text(json, "email"), text(json, "phone"),
                text(json, "address"), texts(json, "products_and_services"), texts(json, "preferences")));
    }

    @Nullable
    private static String text(JsonNode json, String name) {
        JsonNode value = json.get(name);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText().strip();
    }

    private static List<String> texts(JsonNode json, String name) {
        List<String> values = new ArrayList<>();
        json.path(name).forEach(value -> {
            if (value.isTextual() && !value.asText().isBlank()) {
                values.add(value.asText().strip());
            }
        });
        return List.copyOf(values);
    }

    private static JsonObjectSchema schema() {
        return JsonObjectSchema.builder()
                .description("What the user said about themselves in the conversation; null for what they did not say.")
                .addProperty("name", optionalText("The user's name."))
                .addProperty("email", optionalText("The user's email address."))
                .addProperty("phone", optionalText("The user's phone number."))
                .addProperty("address", optionalText("The user's postal address."))
                .addProperty("products_and_services", JsonArraySchema.builder()
                        .description("Products and services the user showed interest in.")
                        .items(new JsonStringSchema()).build())
                .addProperty("preferences", JsonArraySchema.builder()
                        .description("Preferences the user stated: budget, timing, contact channel and the like.")
                        .items(new JsonStringSchema()).build())
                .required("name", "email", "phone", "address", "products_and_services", "preferences")
                .additionalProperties(false)
                .build();
    }

    private static JsonAnyOfSchema optionalText(String description) {
        return JsonAnyOfSchema.builder()
                .description(description)
                .anyOf(new JsonStringSchema(), new JsonNullSchema())
                .build();
    }
}
