package dev.agenticchat.chat.thread;

import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.security.ServiceCredentials;
import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks agent-service, on the caller's behalf, whether their tenant has an active agent with
 * this slug: chat-service never reads agent's schema, and a thread must not be bound to an
 * agent of another tenant (or one that does not exist) that no worker would run.
 */
@Singleton
public class AgentClient {
    public static final String FIELD = "agent";
    /** An agent's slug as agent-service names agents. */
    public static final String SLUG = "^[a-z0-9][a-z0-9-]{0,62}$";
    public static final String SLUG_MESSAGE = "must be an agent slug: lowercase letters, digits and hyphens, at most 63";
    private static final Logger LOG = LoggerFactory.getLogger(AgentClient.class);

    private final HttpClient agents;
    private final ServiceCredentials credentials;

    AgentClient(@Client(id = "agent-service") HttpClient agents, ServiceCredentials credentials) {
        this.agents = agents;
        this.credentials = credentials;
    }

    /** Throws a 422 problem when the caller's tenant has no such agent, 503 when agent-service cannot tell. */
    public void requireUsable(Caller caller, String slug) {
        if (!exists(caller, slug)) {
            String detail = "no agent " + slug + " exists in your tenant";
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Unknown agent", detail,
                    List.of(new Problem.FieldError(FIELD, detail)));
        }
    }

    private boolean exists(Caller caller, String slug) {
        HttpRequest<?> request = HttpRequest.GET("/api/agents/" + slug)
                .header(ServiceCredentials.TOKEN_HEADER, credentials.getToken())
                .header(ServiceCredentials.TENANT_HEADER, caller.tenantId())
                .header(ServiceCredentials.USER_HEADER, caller.userId());
        try {
            agents.toBlocking().exchange(request);
            return true;
        } catch (HttpClientResponseException e) {
            int status = e.getStatus().getCode();
            if (status == HttpStatus.NOT_FOUND.getCode() || status == HttpStatus.BAD_REQUEST.getCode()) {
                return false;
            }
            LOG.warn("agent-service answered HTTP {} to an agent lookup", status);
            throw unavailable("answered HTTP " + status);
        } catch (HttpClientException e) {
            LOG.warn("agent-service unreachable: {}", e.getMessage());
            throw unavailable("is unreachable");
        }
    }

    private static ApiProblem unavailable(String what) {
        return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "Agents cannot be checked",
                "agent-service " + what + "; try again shortly", List.of());
    }
}
