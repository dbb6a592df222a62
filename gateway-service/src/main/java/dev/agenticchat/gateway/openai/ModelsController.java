package dev.agenticchat.gateway.openai;

import dev.agenticchat.gateway.tenant.TenantService;
import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/**
 * {@code GET /v1/models}: the active agents of the key's tenant as OpenAI models (id = slug;
 * {@code created} is the tenant's creation, since agents' own dates are for admins), and
 * {@code GET /v1/artifacts/{id}}: an artifact a key's turn made, the target of the answers' links.
 */
@ProblemResponses
@Controller("/v1")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class ModelsController {
    private final Completions completions;
    private final KeyCalls calls;
    private final TenantService tenants;

    ModelsController(Completions completions, KeyCalls calls, TenantService tenants) {
        this.completions = completions;
        this.calls = calls;
        this.tenants = tenants;
    }

    @Get("/models")
    CompletionObjects.ModelList list(HttpRequest<?> http) {
        Completions.Caller caller = completions.authenticate(http);
        KeyCalls.Reply<KeyCalls.Agents> agents = calls.agents(caller.token());
        if (!agents.ok() || agents.body() == null) {
            throw OpenAiError.unavailable("the tenant's agents cannot be listed right now; try again shortly");
        }
        return new CompletionObjects.ModelList("list", agents.body().items().stream().map(agent -> model(caller, agent)).toList());
    }

    @Get("/models/{model}")
    CompletionObjects.Model get(HttpRequest<?> http, String model) {
        Completions.Caller caller = completions.authenticate(http);
        return model(caller, completions.requireModel(caller, model));
    }

    @Get(uri = "/artifacts/{id}", produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> artifact(HttpRequest<?> http, String id) {
        Completions.Caller caller = completions.authenticate(http);
        KeyCalls.Reply<String> artifact = calls.artifact(caller.token(), id);
        if (!artifact.ok()) {
            throw OpenAiError.notFound("No artifact '" + id + "' of this key.");
        }
        return HttpResponse.ok(artifact.body()).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private CompletionObjects.Model model(Completions.Caller caller, KeyCalls.Agent agent) {
        var tenant = tenants.find(caller.key().tenantId()).orElseThrow();
        return new CompletionObjects.Model(agent.slug(), "model", tenant.createdAt().getEpochSecond(), tenant.slug(), agent.name(),
                agent.description());
    }
}
