package dev.agenticchat.chat.thread;

import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.security.ServiceCredentials;
import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.Problem;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import jakarta.inject.Singleton;
import java.util.List;

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

    private final OnBehalfLookup lookup;

    AgentClient(@Client(id = "agent-service") HttpClient agents, ServiceCredentials credentials) {
        this.lookup = new OnBehalfLookup(agents, credentials, "agent-service", "Agents");
    }

    /** Throws a 422 problem when the caller's tenant has no such agent, 503 when agent-service cannot tell. */
    public void requireUsable(Caller caller, String slug) {
        if (!lookup.exists(caller, "/api/agents/" + slug)) {
            String detail = "no agent " + slug + " exists in your tenant";
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Unknown agent", detail,
                    List.of(new Problem.FieldError(FIELD, detail)));
        }
    }
}
