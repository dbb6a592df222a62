package dev.agenticchat.agent.tool.artifact;

import dev.agenticchat.agent.Interruptions;
import dev.agenticchat.agent.tool.ToolContext;
import dev.agenticchat.support.security.ServiceCredentials;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls artifact-service on behalf of the turn's user, with the service credential. Every
 * answer comes back as status and body, whatever the status; only an unreachable or silent
 * service is an exception. An interrupted call (the worker shutting down) is no failure of
 * the tool: it surfaces as InterruptedException, so the turn runs again elsewhere.
 */
@Singleton
class ArtifactServiceClient {
    private static final Logger LOG = LoggerFactory.getLogger(ArtifactServiceClient.class);

    private final HttpClient http;
    private final ServiceCredentials credentials;

    ArtifactServiceClient(@Client(id = "artifact-service") HttpClient http, ServiceCredentials credentials) {
        this.http = http;
        this.credentials = credentials;
    }

    Response send(MutableHttpRequest<?> request, ToolContext context) throws InterruptedException, UnavailableException {
        request.accept(MediaType.APPLICATION_JSON_TYPE)
                .header(ServiceCredentials.TOKEN_HEADER, credentials.getToken())
                .header(ServiceCredentials.TENANT_HEADER, context.tenantId())
                .header(ServiceCredentials.USER_HEADER, context.userId());
        if (request.getBody().isPresent()) {
            request.contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        try {
            HttpResponse<String> response = http.toBlocking().exchange(request, Argument.STRING, Argument.STRING);
            return new Response(response.code(), response.getBody().orElse(""));
        } catch (HttpClientResponseException e) {
            return new Response(e.getStatus().getCode(), e.getResponse().getBody(String.class).orElse(""));
        } catch (RuntimeException e) {
            Interruptions.propagate(e);
            if (e instanceof ReadTimeoutException) {
                LOG.warn("turn {}: artifact-service did not answer in time", context.turnId());
                throw new UnavailableException("artifact-service did not answer in time");
            }
            if (e instanceof HttpClientException) {
                LOG.warn("turn {}: artifact-service unreachable: {}", context.turnId(), e.getMessage());
                throw new UnavailableException("artifact-service is unreachable (" + e.getMessage() + ")");
            }
            throw e;
        }
    }

    record Response(int status, String body) {
    }

    /** artifact-service could not be reached or did not answer; the message says which. */
    static final class UnavailableException extends Exception {
        UnavailableException(String message) {
            super(message);
        }
    }
}
