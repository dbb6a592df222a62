package dev.agenticchat.contracts;

import static dev.agenticchat.contracts.ContractFiles.eventSchema;
import static dev.agenticchat.contracts.ContractFiles.eventSchemaResource;
import static dev.agenticchat.contracts.ContractFiles.json;
import static dev.agenticchat.contracts.ContractFiles.sampleResource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import dev.agenticchat.contracts.events.AgentConfigChanged;
import dev.agenticchat.contracts.events.ArtifactCreated;
import dev.agenticchat.contracts.events.BudgetThresholdReached;
import dev.agenticchat.contracts.events.DomainEvent;
import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.contracts.events.ToolCallCompleted;
import dev.agenticchat.contracts.events.TurnFailed;
import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.type.Argument;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventSchemasTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.agenticchat.contracts.ContractFiles#eventTypes")
    void every_event_type_has_a_schema_and_a_golden_sample(String type, Class<? extends DomainEvent> eventClass) {
        assertThat(ContractFiles.exists(eventSchemaResource(eventClass))).as(eventSchemaResource(eventClass)).isTrue();
        assertThat(ContractFiles.exists(sampleResource(eventClass))).as(sampleResource(eventClass)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.agenticchat.contracts.ContractFiles#eventTypes")
    void each_event_schema_is_a_draft_2020_12_schema_that_names_its_record_and_type(
            String type, Class<? extends DomainEvent> eventClass) {
        JsonNode schema = json(eventSchemaResource(eventClass));

        assertThat(ContractFiles.metaSchema().validate(schema)).isEmpty();
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("$id").asText())
                .isEqualTo(ContractFiles.SCHEMA_BASE + "events/" + ContractFiles.shortName(eventClass) + ".schema.json");
        assertThat(schema.path("title").asText()).isEqualTo(eventClass.getSimpleName());
        assertThat(schema.path("description").asText()).isNotBlank();
        assertThat(schema.path("x-cloudevents-type").asText()).isEqualTo(type);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.agenticchat.contracts.ContractFiles#eventTypes")
    void every_golden_sample_validates_against_its_event_schema(String type, Class<? extends DomainEvent> eventClass) {
        assertThat(eventSchema(eventClass).validate(json(sampleResource(eventClass)))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.agenticchat.contracts.ContractFiles#eventTypes")
    void every_golden_sample_sets_every_property_its_schema_describes_optional_ones_included(
            String type, Class<? extends DomainEvent> eventClass) {
        List<String> described = names(json(eventSchemaResource(eventClass)).path("properties"));
        assertThat(names(json(sampleResource(eventClass)))).containsExactlyInAnyOrderElementsOf(described);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.agenticchat.contracts.ContractFiles#eventTypes")
    void a_sample_without_any_one_of_its_required_properties_fails_validation(
            String type, Class<? extends DomainEvent> eventClass) {
        JsonSchema schema = eventSchema(eventClass);
        List<String> required = names(json(eventSchemaResource(eventClass)).path("required"));
        assertThat(required).isNotEmpty();

        for (String property : required) {
            ObjectNode sample = (ObjectNode) json(sampleResource(eventClass));
            sample.remove(property);
            assertThat(schema.validate(sample)).as("without " + property)
                    .anySatisfy(error -> assertThat(error.getMessage()).contains(property));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.agenticchat.contracts.ContractFiles#eventTypes")
    void each_schema_describes_the_components_of_its_record_in_snake_case_and_requires_the_non_nullable_ones(
            String type, Class<? extends DomainEvent> eventClass) {
        JsonNode schema = json(eventSchemaResource(eventClass));
        assertDescribes(schema, schema, eventClass, eventClass.getSimpleName());
    }

    @Test
    void the_tool_call_statuses_in_the_schema_are_the_constants_of_the_record() {
        assertThat(enumOf(ToolCallCompleted.class, "status")).isEqualTo(constantsOf(ToolCallCompleted.class));
    }

    @Test
    void the_turn_failure_codes_in_the_schema_are_the_constants_of_the_record() {
        assertThat(enumOf(TurnFailed.class, "code")).isEqualTo(constantsOf(TurnFailed.class));
    }

    @Test
    void the_agent_config_changes_in_the_schema_are_the_constants_of_the_record() {
        assertThat(enumOf(AgentConfigChanged.class, "change")).isEqualTo(constantsOf(AgentConfigChanged.class));
    }

    @Test
    void an_agent_config_change_the_service_made_itself_names_no_user_and_validates() {
        ObjectNode sample = (ObjectNode) json(sampleResource(AgentConfigChanged.class));
        sample.remove("changed_by");
        assertThat(eventSchema(AgentConfigChanged.class).validate(sample)).isEmpty();
    }

    @Test
    void an_agent_config_change_carries_no_system_prompt() {
        assertThat(names(json(eventSchemaResource(AgentConfigChanged.class)).path("properties")))
                .doesNotContain("system_prompt");
    }

    @Test
    void the_budget_scopes_in_the_schema_are_the_constants_of_the_record() {
        assertThat(enumOf(BudgetThresholdReached.class, "scope")).isEqualTo(constantsOf(BudgetThresholdReached.class));
    }

    @Test
    void a_tenant_budget_alert_names_neither_agent_nor_user_and_validates() {
        ObjectNode sample = (ObjectNode) json(sampleResource(BudgetThresholdReached.class));
        sample.put("scope", BudgetThresholdReached.TENANT);
        sample.remove(List.of("agent_id", "agent_slug", "user_id"));
        assertThat(eventSchema(BudgetThresholdReached.class).validate(sample)).isEmpty();
    }

    @Test
    void a_budget_alert_at_a_threshold_other_than_80_or_100_fails_validation() {
        ObjectNode sample = (ObjectNode) json(sampleResource(BudgetThresholdReached.class));
        sample.put("threshold", 90);
        assertThat(eventSchema(BudgetThresholdReached.class).validate(sample)).isNotEmpty();
    }

    @Test
    void a_turn_failure_with_a_code_the_schema_does_not_list_fails_validation() {
        ObjectNode sample = (ObjectNode) json(sampleResource(TurnFailed.class));
        sample.put("code", "LLM_UNAVAILABLE");
        assertThat(eventSchema(TurnFailed.class).validate(sample)).isNotEmpty();
    }

    @Test
    void a_timestamp_that_is_not_an_iso_8601_date_time_fails_validation() {
        ObjectNode sample = (ObjectNode) json(sampleResource(MessagePosted.class));
        sample.put("created_at", "03/11/2025 09:14");
        assertThat(eventSchema(MessagePosted.class).validate(sample))
                .anySatisfy(error -> assertThat(error.getMessage()).contains("created_at"));
    }

    @Test
    void artifact_content_that_breaks_the_schema_of_its_type_fails_validation() {
        ObjectNode sample = (ObjectNode) json(sampleResource(ArtifactCreated.class));
        ((ObjectNode) sample.path("artifact").path("content")).put("chart_type", "pie3d");
        assertThat(eventSchema(ArtifactCreated.class).validate(sample))
                .anySatisfy(error -> assertThat(error.getMessage()).contains("chart_type"));
    }

    @Test
    void artifact_content_is_checked_against_the_schema_its_type_names_and_not_another() {
        ObjectNode sample = (ObjectNode) json(sampleResource(ArtifactCreated.class));
        ((ObjectNode) sample.path("artifact")).put("type", "markdown");
        assertThat(eventSchema(ArtifactCreated.class).validate(sample)).isNotEmpty();
    }

    @Test
    void an_artifact_of_a_type_added_later_in_v1_still_validates() {
        ObjectNode sample = (ObjectNode) json(sampleResource(ArtifactCreated.class));
        ObjectNode artifact = (ObjectNode) sample.path("artifact");
        artifact.put("type", "diagram");
        artifact.putObject("content").put("title", "Checkout flow").put("mermaid", "graph TD; cart-->pay");
        assertThat(eventSchema(ArtifactCreated.class).validate(sample)).isEmpty();
    }

    @Test
    void a_property_added_later_in_v1_still_validates() {
        ObjectNode sample = (ObjectNode) json(sampleResource(MessagePosted.class));
        sample.put("locale", "en-GB");
        assertThat(eventSchema(MessagePosted.class).validate(sample)).isEmpty();
    }

    private static void assertDescribes(JsonNode root, JsonNode schemaNode, Class<?> recordClass, String path) {
        JsonNode schema = resolve(root, schemaNode);
        assertThat(schema.path("type").asText()).as(path + " type").isEqualTo("object");
        List<Argument<?>> components = Arrays.asList(BeanIntrospection.getIntrospection(recordClass)
                .getConstructorArguments());

        Set<String> expected = components.stream().map(c -> snakeCase(c.getName()))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> expectedRequired = components.stream().filter(c -> !c.isNullable())
                .map(c -> snakeCase(c.getName())).collect(Collectors.toCollection(TreeSet::new));
        assertThat(new TreeSet<>(names(schema.path("properties")))).as(path + " properties").isEqualTo(expected);
        assertThat(new TreeSet<>(names(schema.path("required")))).as(path + " required").isEqualTo(expectedRequired);

        for (Argument<?> component : components) {
            String name = snakeCase(component.getName());
            String where = path + "." + name;
            JsonNode property = resolve(root, schema.path("properties").path(name));
            Class<?> javaType = component.getType();
            assertThat(property.path("type").asText()).as(where + " type").isEqualTo(jsonType(javaType));
            if (javaType == Instant.class) {
                assertThat(property.path("format").asText()).as(where + " format").isEqualTo("date-time");
            } else if (javaType.isRecord()) {
                assertDescribes(root, property, javaType, where);
            } else if (javaType == List.class) {
                Class<?> item = component.getTypeParameters()[0].getType();
                JsonNode items = resolve(root, property.path("items"));
                assertThat(items.path("type").asText()).as(where + " items").isEqualTo(jsonType(item));
                if (item.isRecord()) {
                    assertDescribes(root, items, item, where + "[]");
                }
            }
        }
    }

    private static JsonNode resolve(JsonNode root, JsonNode schema) {
        String ref = schema.path("$ref").asText();
        return ref.startsWith("#") ? root.at(ref.substring(1)) : schema;
    }

    private static String jsonType(Class<?> javaType) {
        if (javaType == String.class || javaType == Instant.class) {
            return "string";
        }
        if (javaType == int.class || javaType == long.class || javaType == Integer.class || javaType == Long.class) {
            return "integer";
        }
        if (javaType == double.class || javaType == BigDecimal.class) {
            return "number";
        }
        if (javaType == List.class) {
            return "array";
        }
        if (javaType == Map.class || javaType.isRecord()) {
            return "object";
        }
        throw new AssertionError("no JSON type known for " + javaType + ": teach this test");
    }

    private static String snakeCase(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(element -> names.add(element.asText()));
        } else {
            node.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    private static Set<String> enumOf(Class<? extends DomainEvent> eventClass, String property) {
        JsonNode values = json(eventSchemaResource(eventClass)).path("properties").path(property).path("enum");
        return new TreeSet<>(names(values));
    }

    /** The fixed values a record declares: its public String constants other than TYPE. */
    private static Set<String> constantsOf(Class<?> recordClass) {
        Set<String> values = new TreeSet<>();
        for (Field field : recordClass.getFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers) && field.getType() == String.class
                    && !field.getName().equals("TYPE")) {
                try {
                    values.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return values;
    }
}
