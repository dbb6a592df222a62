package dev.agenticchat.agent.mcp;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.agenticchat.support.security.Caller;
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
import java.net.URI;
import java.util.List;

/** The tenant's MCP servers, for its admins (the gateway routes {@code /api/mcp-servers} here). */
@ProblemResponses
@Controller("/api/mcp-servers")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class McpServerController {
    private final McpServerService servers;

    McpServerController(McpServerService servers) {
        this.servers = servers;
    }

    /** By slug. */
    @Get
    Items list(Authentication authentication) {
        return new Items(servers.list(Caller.of(authentication)).stream().map(McpServerView::of).toList());
    }

    @Get("/{slug}")
    McpServerView get(String slug, Authentication authentication) {
        return McpServerView.of(servers.get(Caller.of(authentication), slug));
    }

    @Post
    HttpResponse<McpServerView> create(@Body McpServerFields fields, Authentication authentication) {
        McpServer created = servers.create(Caller.of(authentication), fields);
        return HttpResponse.created(McpServerView.of(created), URI.create("/api/mcp-servers/" + created.slug()));
    }

    @Patch("/{slug}")
    McpServerView update(String slug, @Body McpServerFields change, Authentication authentication) {
        return McpServerView.of(servers.update(Caller.of(authentication), slug, change));
    }

    @Delete("/{slug}")
    @Status(HttpStatus.NO_CONTENT)
    void delete(String slug, Authentication authentication) {
        servers.delete(Caller.of(authentication), slug);
    }

    /** {@code items} even when there are none. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Items(List<McpServerView> items) {
    }
}
