package dev.agenticchat.agent.tool.artifact;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.agenticchat.agent.tool.AgentTool;
import dev.agenticchat.agent.tool.ToolArguments;
import dev.agenticchat.agent.tool.ToolContext;
import dev.agenticchat.agent.tool.ToolOutcome;
import dev.agenticchat.contracts.events.ArtifactSnapshot;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code update_artifact}: a new version of an artifact, from its complete new content or
 * from an RFC 7396 JSON Merge Patch over the current one (artifact-service applies the patch
 * and validates the result against the type's schema). A rejection (400, 409, 422) goes back
 * to the model verbatim so it can retry; an unknown id is "no such artifact". Should the
 * service answer 201 with less than the whole artifact, the artifact is read back, so
 * ToolCallCompleted carries it as it does for a created one.
 */
@Singleton
class UpdateArtifactTool implements AgentTool {
    static final String NAME = "update_artifact";
    private static final Logger LOG = LoggerFactory.getLogger(UpdateArtifactTool.class);
    private static final Set<Integer> REJECTIONS = Set.of(400, 409, 422);
    private static final Set<String> STATUSES = Set.of(ArtifactSnapshot.INTERMEDIATE, ArtifactSnapshot.FINAL);

    private final ArtifactServiceClient artifactService;
    private final ArtifactTools artifacts;
    private final JsonMapper json;
    private final ToolSpecification specification;

    UpdateArtifactTool(ArtifactServiceClient artifactService, ArtifactTools artifacts, JsonMapper json) {
        this.artifactService = artifactService;
        this.artifacts = artifacts;
        this.json = json;
        this.specification = ToolSpecification.builder()
                .name(NAME)
                .description("Changes an artifact created earlier in this conversation: stores a new version of it. "
                        + "Give either content (the complete new content, as for creating an artifact of that type) or "
                        + "patch (a JSON Merge Patch, RFC 7396, over the current content: listed properties are replaced, "
                        + "null removes one), never both.")
                .parameters(JsonObjectSchema.builder()
                        .addProperty("artifact_id", JsonRawSchema.from("""
                                {"type":"string","minLength":1,"description":"The id of the artifact, as the tool that created it returned it."}"""))
                        .addProperty("content", JsonRawSchema.from("""
                                {"type":"object","description":"The complete new content; it must match the artifact type's schema."}"""))
                        .addProperty("patch", JsonRawSchema.from("""
                                {"type":"object","description":"A JSON Merge Patch (RFC 7396) applied to the current content."}"""))
                        .addProperty("status", JsonRawSchema.from("""
                                {"type":"string","enum":["intermediate","final"],"description":"intermediate while still being worked on, final when done."}"""))
                        .required("artifact_id")
                        .additionalProperties(false)
                        .build())
                .build();
    }

    @Override
    public ToolSpecification specification() {
        return specification;
    }

    @Override
    public boolean remembered() {
        return true;
    }

    @Override
    public ToolOutcome execute(@Nullable String arguments, ToolContext context) throws InterruptedException {
        NewVersionRequest body;
        UUID id;
        try {
            JsonNode parsed = ToolArguments.object(json, arguments);
            id = artifactId(parsed);
            body = newVersion(parsed, context);
        } catch (ToolArguments.InvalidArgumentsException e) {
            return e.outcome();
        }
        String path = UriBuilder.of("/api/artifacts").path(id.toString()).path("versions").build().toString();
        ArtifactServiceClient.Response response;
        try {
            MutableHttpRequest<NewVersionRequest> request = HttpRequest.POST(path, body);
            if (context.callKey() != null) {
                // A turn run again after its worker died asks again at the same place: the version made then is the answer.
                request.header(ArtifactTools.IDEMPOTENCY_KEY, context.callKey());
            }
            response = artifactService.send(request, context);
            if (response.status() == 404) {
                return ToolOutcome.failed("Error: no such artifact " + id + ". Use the id a create_..._artifact tool returned.");
            }
            if (REJECTIONS.contains(response.status())) {
                return ToolOutcome.failed(response.body().isBlank()
                        ? "Error: artifact-service rejected the new version without saying why." : response.body());
            }
            if (response.status() != 201) {
                LOG.warn("turn {}: artifact-service answered {} to a new version", context.turnId(), response.status());
                return ToolOutcome.failed("Error: artifact-service answered HTTP " + response.status()
                        + "; the artifact was not changed.");
            }
            ArtifactSnapshot artifact = artifacts.snapshot(response.body());
            if (artifact == null || artifact.content() == null || artifact.type() == null) {
                artifact = readBack(id, context);
            }
            return artifact == null
                    ? ToolOutcome.failed("Error: artifact-service stored the new version but could not show it.")
                    : ToolOutcome.updated(artifacts.summary(artifact), artifact);
        } catch (ArtifactServiceClient.UnavailableException e) {
            return ToolOutcome.failed("Error: " + e.getMessage() + "; the artifact was not changed.");
        }
    }

    private ArtifactSnapshot readBack(UUID id, ToolContext context)
            throws InterruptedException, ArtifactServiceClient.UnavailableException {
        String path = UriBuilder.of("/api/artifacts").path(id.toString()).build().toString();
        ArtifactServiceClient.Response response = artifactService.send(HttpRequest.GET(path), context);
        return response.status() == 200 ? artifacts.snapshot(response.body()) : null;
    }

    private static UUID artifactId(JsonNode arguments) throws ToolArguments.InvalidArgumentsException {
        String id = ToolArguments.string(arguments, "artifact_id");
        if (id == null || id.isBlank()) {
            throw new ToolArguments.InvalidArgumentsException("Error: artifact_id is required: the id of the artifact to change.");
        }
        try {
            return UUID.fromString(id.strip());
        } catch (IllegalArgumentException e) {
            throw new ToolArguments.InvalidArgumentsException("Error: no such artifact " + id
                    + ". Use the id a create_..._artifact tool returned.");
        }
    }

    private static NewVersionRequest newVersion(JsonNode arguments, ToolContext context)
            throws ToolArguments.InvalidArgumentsException {
        JsonNode content = arguments.get("content");
        JsonNode patch = arguments.get("patch");
        boolean hasContent = content != null && !content.isNull();
        boolean hasPatch = patch != null && !patch.isNull();
        if (hasContent == hasPatch) {
            throw new ToolArguments.InvalidArgumentsException(
                    "Error: give exactly one of content (the complete new content) or patch (a JSON Merge Patch).");
        }
        if (hasContent && !content.isObject() || hasPatch && !patch.isObject()) {
            throw new ToolArguments.InvalidArgumentsException("Error: " + (hasContent ? "content" : "patch")
                    + " must be a JSON object.");
        }
        JsonNode statusNode = arguments.get("status");
        String status = null;
        if (statusNode != null && !statusNode.isNull()) {
            status = statusNode.isString() ? statusNode.getStringValue() : null;
            if (status == null || !STATUSES.contains(status)) {
                throw new ToolArguments.InvalidArgumentsException("Error: status must be \"intermediate\" or \"final\".");
            }
        }
        return new NewVersionRequest(hasContent ? content : null, hasPatch ? patch : null, status, context.turnId());
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NewVersionRequest(@Nullable JsonNode content, @Nullable JsonNode patch, @Nullable String status, UUID turnId) {
    }
}
