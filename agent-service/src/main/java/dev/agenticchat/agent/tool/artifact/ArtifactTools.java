package dev.agenticchat.agent.tool.artifact;

import dev.agenticchat.agent.tool.ToolArguments;
import dev.agenticchat.agent.tool.ToolContext;
import dev.agenticchat.agent.tool.ToolOutcome;
import dev.agenticchat.contracts.events.ArtifactSnapshot;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates artifacts: the {@code create_<type>_artifact} tools, and the domain tools that
 * turn vendor data into an artifact. artifact-service validates and stores the artifact (and
 * announces it with ArtifactCreated). A rejection (422) goes back to the model verbatim, so
 * it can fix its arguments; other failures become a short message.
 */
@Singleton
public class ArtifactTools {
    private static final Logger LOG = LoggerFactory.getLogger(ArtifactTools.class);
    private static final String PATH = "/api/artifacts";
    /** artifact-service answers a repeated key with the artifact the first request created. */
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final ArtifactServiceClient artifactService;
    private final JsonMapper json;

    ArtifactTools(ArtifactServiceClient artifactService, JsonMapper json) {
        this.artifactService = artifactService;
        this.json = json;
    }

    ToolOutcome create(String type, @Nullable String arguments, ToolContext context) throws InterruptedException {
        try {
            return create(type, ToolArguments.object(json, arguments), context);
        } catch (ToolArguments.InvalidArgumentsException e) {
            return e.outcome();
        }
    }

    /** Creates an artifact of the type with this content (the type's JSON Schema decides what is valid). */
    public ToolOutcome create(String type, JsonNode content, ToolContext context) throws InterruptedException {
        ArtifactServiceClient.Response response;
        try {
            MutableHttpRequest<CreateArtifactRequest> request = HttpRequest.POST(PATH,
                    new CreateArtifactRequest(type, content, context.threadId(), context.turnId()));
            if (context.callKey() != null) {
                // A turn run again after its worker died asks again at the same place: the artifact made then is the answer.
                request.header(IDEMPOTENCY_KEY, context.callKey());
            }
            response = artifactService.send(request, context);
        } catch (ArtifactServiceClient.UnavailableException e) {
            return ToolOutcome.failed("Error: " + e.getMessage() + "; the artifact was not created.");
        }
        if (response.status() == HttpStatus.UNPROCESSABLE_ENTITY.getCode()) {
            return ToolOutcome.failed(response.body().isBlank()
                    ? "Error: artifact-service rejected the arguments without saying why." : response.body());
        }
        if (response.status() != HttpStatus.CREATED.getCode()) {
            LOG.warn("turn {}: artifact-service answered {} to {}", context.turnId(), response.status(), type);
            return ToolOutcome.failed("Error: artifact-service answered HTTP " + response.status()
                    + "; the artifact was not created.");
        }
        ArtifactSnapshot artifact = snapshot(response.body());
        if (artifact == null) {
            return ToolOutcome.failed("Error: artifact-service answered 201 with a body that is not an artifact.");
        }
        return ToolOutcome.created(summary(artifact), artifact);
    }

    /** The artifact in an artifact-service answer, or null if the body is not one. */
    @Nullable
    ArtifactSnapshot snapshot(String body) {
        try {
            ArtifactSnapshot artifact = json.readValue(body, ArtifactSnapshot.class);
            return artifact == null || artifact.id() == null ? null : artifact;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** What the model learns about an artifact it created or changed. */
    String summary(ArtifactSnapshot artifact) {
        try {
            return json.writeValueAsString(new ArtifactSummary(artifact.id(), artifact.type(), artifact.title(),
                    artifact.version(), artifact.status()));
        } catch (IOException e) {
            throw new IllegalStateException("an artifact summary always serialises", e);
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record CreateArtifactRequest(String type, JsonNode content, String threadId, UUID turnId) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record ArtifactSummary(String id, String type, @Nullable String title, int version, @Nullable String status) {
    }
}
