package dev.agenticchat.agent.tool;

import dev.agenticchat.agent.Interruptions;
import dev.agenticchat.contracts.events.ArtifactSnapshot;
import dev.agenticchat.support.security.ServiceCredentials;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
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
 * Runs a {@code create_<type>_artifact} tool: artifact-service validates and stores the
 * artifact (and announces it with ArtifactCreated). The call carries the service credential
 * on behalf of the turn's user. A rejection (422) goes back to the model verbatim, so it
 * can fix its arguments; other failures become a short message. An interrupted call (the
 * worker shutting down) is no failure of the tool: it ends the turn's run with an
 * InterruptedException, so the turn runs again elsewhere.
 */
@Singleton
class ArtifactTools {
    private static final Logger LOG = LoggerFactory.getLogger(ArtifactTools.class);
    private static final String PATH = "/api/artifacts";

    private final HttpClient http;
    private final ServiceCredentials credentials;
    private final JsonMapper json;

    ArtifactTools(@Client(id = "artifact-service") HttpClient http, ServiceCredentials credentials, JsonMapper json) {
        this.http = http;
        this.credentials = credentials;
        this.json = json;
    }

    ToolOutcome create(String type, @Nullable String arguments, ToolContext context) throws InterruptedException {
        JsonNode content;
        try {
            content = json.readValue(arguments == null ? "" : arguments, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            return ToolOutcome.failed("Error: the arguments are not valid JSON (" + e.getMessage()
                    + "). Call the tool again with a JSON object matching its parameters.");
        }
        if (content == null || !content.isObject()) {
            return ToolOutcome.failed("Error: the arguments must be a JSON object matching the tool's parameters.");
        }
        HttpRequest<CreateArtifactRequest> request = HttpRequest
                .POST(PATH, new CreateArtifactRequest(type, content, context.threadId(), context.turnId()))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .accept(MediaType.APPLICATION_JSON_TYPE)
                .header(ServiceCredentials.TOKEN_HEADER, credentials.getToken())
                .header(ServiceCredentials.TENANT_HEADER, context.tenantId())
                .header(ServiceCredentials.USER_HEADER, context.userId());
        try {
            HttpResponse<String> response = http.toBlocking().exchange(request, Argument.STRING, Argument.STRING);
            return created(type, response);
        } catch (HttpClientResponseException e) {
            if (e.getStatus() == HttpStatus.UNPROCESSABLE_ENTITY) {
                return ToolOutcome.failed(e.getResponse().getBody(String.class)
                        .orElse("Error: artifact-service rejected the arguments without saying why."));
            }
            LOG.warn("turn {}: artifact-service answered {} to {}", context.turnId(), e.getStatus().getCode(), type);
            return ToolOutcome.failed("Error: artifact-service answered HTTP " + e.getStatus().getCode()
                    + "; the artifact was not created.");
        } catch (RuntimeException e) {
            Interruptions.propagate(e);
            if (e instanceof ReadTimeoutException) {
                LOG.warn("turn {}: artifact-service did not answer in time", context.turnId());
                return ToolOutcome.failed("Error: artifact-service did not answer in time; the artifact was not created.");
            }
            if (e instanceof HttpClientException) {
                LOG.warn("turn {}: artifact-service unreachable: {}", context.turnId(), e.getMessage());
                return ToolOutcome.failed("Error: artifact-service is unreachable (" + e.getMessage()
                        + "); the artifact was not created.");
            }
            throw e;
        }
    }

    private ToolOutcome created(String type, HttpResponse<String> response) {
        if (response.code() != HttpStatus.CREATED.getCode()) {
            return ToolOutcome.failed("Error: artifact-service answered HTTP " + response.code() + " instead of 201.");
        }
        try {
            ArtifactSnapshot artifact = json.readValue(response.getBody().orElse(""), ArtifactSnapshot.class);
            if (artifact == null || artifact.id() == null) {
                return ToolOutcome.failed("Error: artifact-service answered 201 without an artifact id.");
            }
            ArtifactSummary summary = new ArtifactSummary(artifact.id(), type, artifact.title(), artifact.version(),
                    artifact.status());
            return ToolOutcome.completed(json.writeValueAsString(summary), artifact);
        } catch (IOException | RuntimeException e) {
            return ToolOutcome.failed("Error: artifact-service answered 201 with a body that is not an artifact.");
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record CreateArtifactRequest(String type, JsonNode content, String threadId, UUID turnId) {
    }

    /** What the model learns about the artifact it created. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record ArtifactSummary(String id, String type, @Nullable String title, int version,
                           @Nullable String status) {
    }
}
