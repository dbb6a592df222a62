package dev.agenticchat.agent.tool.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenticchat.agent.tool.ToolContext;
import dev.agenticchat.agent.tool.ToolOutcome;
import dev.agenticchat.contracts.artifacts.ArtifactTypes;
import dev.agenticchat.contracts.events.ToolCallCompleted;
import dev.agenticchat.support.security.ServiceCredentials;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import io.micronaut.json.JsonMapper;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ArtifactToolsTest {
    private static final ObjectMapper JACKSON = new ObjectMapper();
    private final JsonMapper json = JsonMapper.createDefault();

    @Test
    void offers_one_tool_per_artifact_type_whose_properties_are_the_schemas_own() throws Exception {
        for (String type : ArtifactTypes.NAMES) {
            ToolSpecification tool = ArtifactToolSpecifications.of(type, json);
            JsonNode schema = JACKSON.readTree(ArtifactTypes.schema(type));

            assertThat(tool.name()).isEqualTo("create_" + type + "_artifact");
            assertThat(tool.description()).isEqualTo(schema.path("description").asText());
            assertThat(tool.parameters().required()).containsExactlyElementsOf(
                    JACKSON.convertValue(schema.path("required"), List.class));
            assertThat(tool.parameters().properties().keySet()).containsExactlyElementsOf(() -> schema.path("properties").fieldNames());
            tool.parameters().properties().forEach((name, element) -> assertThat(element).isInstanceOfSatisfying(
                    JsonRawSchema.class, raw -> assertThat(readTree(raw.schema())).isEqualTo(schema.path("properties").path(name))));
        }
    }

    @Test
    void refuses_arguments_that_are_not_json_without_calling_the_artifact_service() throws Exception {
        ServiceCredentials credentials = new ServiceCredentials();
        credentials.setToken("token");
        ArtifactTools tools = new ArtifactTools(new ArtifactServiceClient(null, credentials), json);

        ToolOutcome outcome = tools.create("chart", "{\"title\": \"Quarterly", context());

        assertThat(outcome.status()).isEqualTo(ToolCallCompleted.FAILED);
        assertThat(outcome.output()).startsWith("Error: the arguments are not valid JSON");
        assertThat(outcome.createdArtifactId()).isNull();
    }

    @Test
    void refuses_arguments_that_are_json_but_not_an_object() throws Exception {
        ArtifactTools tools = new ArtifactTools(new ArtifactServiceClient(null, new ServiceCredentials()), json);

        ToolOutcome outcome = tools.create("chart", "[1, 2]", context());

        assertThat(outcome.status()).isEqualTo(ToolCallCompleted.FAILED);
        assertThat(outcome.output()).startsWith("Error: the arguments must be a JSON object");
    }

    private static ToolContext context() {
        return new ToolContext(UUID.randomUUID(), UUID.randomUUID().toString(), "tenant", "user");
    }

    private static JsonNode readTree(String text) {
        try {
            return JACKSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
