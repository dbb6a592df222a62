package dev.agenticchat.agent.agents;

import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;

/** The tenant's agents (the gateway routes {@code /api/agents} here). */
@ProblemResponses
@Controller("/api/agents")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class AgentController {
    private final AgentService agents;

    AgentController(AgentService agents) {
        this.agents = agents;
    }

    /** The default agent first; tenant admins also see disabled agents. */
    @Get
    Items list(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        return new Items(agents.list(caller).stream().map(agent -> AgentView.of(agent, caller.isTenantAdmin())).toList());
    }

    @Get("/{slug}")
    Object get(String slug, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        return AgentView.of(agents.get(caller, slug), caller.isTenantAdmin());
    }

    @Post
    HttpResponse<AgentView.Full> create(@Body @Valid AgentFields fields, Authentication authentication) {
        Caller caller = Caller.of(authentication).requireTenantAdmin("Creating an agent");
        for (String[] required : new String[][] {{"slug", fields.slug()}, {"name", fields.name()},
                {"system_prompt", fields.systemPrompt()}}) {
            if (required[1] == null || required[1].isBlank()) {
                throw ApiProblem.badRequest("is required", required[0]);
            }
        }
        AgentVersion created = agents.create(caller, fields);
        return HttpResponse.created(AgentView.Full.of(created), URI.create("/api/agents/" + created.slug()));
    }

    /** Makes a new version from what the body names; the slug never changes. */
    @Patch("/{slug}")
    AgentView.Full update(String slug, @Body @Valid AgentFields change, Authentication authentication) {
        Caller caller = Caller.of(authentication).requireTenantAdmin("Changing an agent");
        if (change.slug() != null && !change.slug().equals(slug)) {
            throw ApiProblem.badRequest("an agent keeps its slug", "slug");
        }
        if (change.changesNothing()) {
            throw ApiProblem.badRequest("name at least one field to change", "body");
        }
        if ((change.name() != null && change.name().isBlank())
                || (change.systemPrompt() != null && change.systemPrompt().isBlank())) {
            throw ApiProblem.badRequest("must not be blank", change.name() != null && change.name().isBlank() ? "name" : "system_prompt");
        }
        return AgentView.Full.of(agents.update(caller, slug, change));
    }

    @Delete("/{slug}")
    @Status(HttpStatus.NO_CONTENT)
    void delete(String slug, Authentication authentication) {
        agents.delete(Caller.of(authentication), slug);
    }

    /** Newest first, each with who made it. */
    @Get("/{slug}/versions")
    Items versions(String slug, Authentication authentication) {
        return new Items(agents.versions(Caller.of(authentication), slug).stream().map(AgentView.Full::of)
                .map(Object.class::cast).toList());
    }

    @Serdeable
    record Items(List<Object> items) {
    }
}
