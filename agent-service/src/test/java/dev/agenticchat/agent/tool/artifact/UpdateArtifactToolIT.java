package dev.agenticchat.agent.tool.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenticchat.agent.fixtures.ArtifactServiceStandIn;
import dev.agenticchat.agent.tool.ToolContext;
import dev.agenticchat.agent.tool.ToolOutcome;
import dev.agenticchat.contracts.artifacts.ArtifactTypes;
import dev.agenticchat.contracts.events.ToolCallCompleted;
import dev.agenticchat.support.security.ServiceCredentials;
import io.micronaut.http.client.HttpClient;
import io.micronaut.json.JsonMapper;
import java.net.URL;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** update_artifact over real HTTP against a stand-in speaking artifact-service's versions contract. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpdateArtifactToolIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "token-" + UUID.randomUUID();

    private ArtifactServiceStandIn artifactService;
    private HttpClient http;
    private ArtifactTools artifacts;
    private UpdateArtifactTool update;
    private final ToolContext context = new ToolContext(UUID.randomUUID(), UUID.randomUUID().toString(),
            "tenant-" + UUID.randomUUID(), "user-" + UUID.randomUUID());

    @BeforeAll
    void start() throws Exception {
        artifactService = ArtifactServiceStandIn.start(TOKEN);
        http = HttpClient.create(new URL(artifactService.url()));
        ServiceCredentials credentials = new ServiceCredentials();
        credentials.setToken(TOKEN);
        ArtifactServiceClient client = new ArtifactServiceClient(http, credentials);
        JsonMapper json = JsonMapper.createDefault();
        artifacts = new ArtifactTools(client, json);
        update = new UpdateArtifactTool(client, artifacts, json);
    }

    @AfterAll
    void stop() {
        http.close();
        artifactService.close();
    }

    @Test
    void stores_complete_new_content_as_the_next_version_and_returns_the_artifact() throws Exception {
        String id = createChart();
        String content = ArtifactTypes.sample("chart").replace("Quarterly sales", "Sales by quarter");

        ToolOutcome outcome = update.execute("{\"artifact_id\":\"" + id + "\",\"content\":" + content
                + ",\"status\":\"intermediate\"}", context);

        assertThat(outcome.status()).isEqualTo(ToolCallCompleted.COMPLETED);
        assertThat(JSON.readTree(outcome.output())).isEqualTo(JSON.readTree("{\"id\":\"" + id
                + "\",\"type\":\"chart\",\"title\":\"Sales by quarter\",\"version\":2,\"status\":\"intermediate\"}"));
        assertThat(outcome.artifact()).isNotNull();
        assertThat(outcome.artifact().version()).isEqualTo(2);
        assertThat(outcome.artifact().content()).containsEntry("title", "Sales by quarter");
        assertThat(outcome.createdArtifactId()).isNull();
        ArtifactServiceStandIn.Received request = artifactService.versionsOf(id).get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.token()).isEqualTo(TOKEN);
        assertThat(request.tenant()).isEqualTo(context.tenantId());
        assertThat(request.user()).isEqualTo(context.userId());
        assertThat(request.body()).isEqualTo(JSON.readTree("{\"content\":" + content + ",\"status\":\"intermediate\","
                + "\"turn_id\":\"" + context.turnId() + "\"}"));
    }

    @Test
    void sends_a_merge_patch_without_content_or_status() throws Exception {
        String id = createChart();

        ToolOutcome outcome = update.execute("{\"artifact_id\":\"" + id + "\",\"patch\":{\"y_axis_title\":null,"
                + "\"title\":\"Patched\"}}", context);

        assertThat(outcome.status()).isEqualTo(ToolCallCompleted.COMPLETED);
        assertThat(outcome.artifact().title()).isEqualTo("Patched");
        assertThat(outcome.artifact().content()).doesNotContainKey("y_axis_title").containsKey("labels");
        assertThat(artifactService.versionsOf(id)).singleElement().satisfies(request -> assertThat(request.body())
                .isEqualTo(JSON.readTree("{\"patch\":{\"y_axis_title\":null,\"title\":\"Patched\"},\"turn_id\":\""
                        + context.turnId() + "\"}")));
    }

    @Test
    void hands_a_rejected_version_back_to_the_model_verbatim() throws Exception {
        String id = createChart();

        ToolOutcome outcome = update.execute("{\"artifact_id\":\"" + id + "\",\"patch\":{\"labels\":[\"Q1\"]}}", context);

        ArtifactServiceStandIn.Received request = artifactService.versionsOf(id).get(0);
        assertThat(request.status()).isEqualTo(422);
        assertThat(outcome.status()).isEqualTo(ToolCallCompleted.FAILED);
        assertThat(outcome.output()).isEqualTo(request.response());
        assertThat(outcome.artifact()).isNull();
    }

    @Test
    void reports_an_unknown_artifact_as_no_such_artifact() throws Exception {
        String unknown = UUID.randomUUID().toString();

        ToolOutcome outcome = update.execute("{\"artifact_id\":\"" + unknown + "\",\"patch\":{\"title\":\"x\"}}", context);

        assertThat(artifactService.versionsOf(unknown)).singleElement()
                .satisfies(request -> assertThat(request.status()).isEqualTo(404));
        assertThat(outcome.status()).isEqualTo(ToolCallCompleted.FAILED);
        assertThat(outcome.output()).startsWith("Error: no such artifact " + unknown);
    }

    @Test
    void refuses_both_content_and_patch_or_neither_without_calling_the_service() throws Exception {
        String id = createChart();

        ToolOutcome both = update.execute("{\"artifact_id\":\"" + id + "\",\"patch\":{},\"content\":{}}", context);
        ToolOutcome neither = update.execute("{\"artifact_id\":\"" + id + "\"}", context);
        ToolOutcome badStatus = update.execute("{\"artifact_id\":\"" + id + "\",\"patch\":{},\"status\":\"done\"}", context);

        assertThat(both.output()).startsWith("Error: give exactly one of content");
        assertThat(neither.output()).startsWith("Error: give exactly one of content");
        assertThat(badStatus.output()).isEqualTo("Error: status must be \"intermediate\" or \"final\".");
        assertThat(artifactService.versionsOf(id)).isEmpty();
    }

    private String createChart() throws Exception {
        ToolOutcome created = artifacts.create("chart", ArtifactTypes.sample("chart"), context);
        JsonNode summary = JSON.readTree(created.output());
        return summary.path("id").asText();
    }
}
