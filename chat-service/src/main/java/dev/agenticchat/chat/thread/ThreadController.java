package dev.agenticchat.chat.thread;

import dev.agenticchat.chat.paging.PageView;
import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/** The caller's conversations. */
@ProblemResponses
@Controller("/api/threads")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class ThreadController {
    /** Postgres TEXT cannot hold U+0000: refuse it as bad input instead of failing on insert. */
    static final String NO_NUL = "[^\\x00]*";
    static final String NUL_MESSAGE = "must not contain NUL characters (U+0000)";
    static final int MAX_KNOWLEDGE_BASES = 10;

    private final ThreadService threads;
    private final KnowledgeBaseClient knowledgeBaseClient;
    private final AgentClient agentClient;

    ThreadController(ThreadService threads, KnowledgeBaseClient knowledgeBaseClient, AgentClient agentClient) {
        this.threads = threads;
        this.knowledgeBaseClient = knowledgeBaseClient;
        this.agentClient = agentClient;
    }

    /** The thread's agent is given here or never: no agent binds it to the tenant's default one. */
    @Post
    HttpResponse<ThreadView> create(@Body @Nullable @Valid CreateThreadRequest request, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        List<String> knowledgeBases = request == null ? List.of() : distinct(request.knowledgeBaseIds());
        String agent = request == null ? null : request.agent();
        knowledgeBaseClient.requireUsable(caller, knowledgeBases);
        if (agent != null) {
            agentClient.requireUsable(caller, agent);
        }
        ThreadView thread = threads.create(caller, request == null ? null : request.title(), knowledgeBases, agent,
                ThreadService.now());
        return HttpResponse.created(thread, URI.create("/api/threads/" + thread.id()));
    }

    /** Most recently active first. */
    @Get
    PageView<ThreadView> list(@QueryValue @Nullable String cursor,
                              @QueryValue(defaultValue = PageView.DEFAULT_LIMIT) @Min(1) @Max(PageView.MAX_LIMIT) int limit,
                              Authentication authentication) {
        return threads.list(Caller.of(authentication), cursor, limit);
    }

    @Get("/{id}")
    ThreadView get(UUID id, Authentication authentication) {
        return threads.get(Caller.of(authentication), id);
    }

    /** Renames the thread and/or replaces its knowledge bases; what the body leaves out stays. */
    @Patch("/{id}")
    ThreadView update(UUID id, @Body @Valid UpdateThreadRequest request, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        if (request.title() == null && request.knowledgeBaseIds() == null) {
            throw ApiProblem.badRequest("give a title or knowledge_base_ids to change", "title");
        }
        if (request.title() != null && request.title().isBlank()) {
            throw ApiProblem.badRequest("must not be blank", "title");
        }
        List<String> knowledgeBases = request.knowledgeBaseIds() == null ? null : distinct(request.knowledgeBaseIds());
        if (knowledgeBases != null) {
            threads.get(caller, id);
            knowledgeBaseClient.requireUsable(caller, knowledgeBases);
        }
        return threads.update(caller, id, request.title(), knowledgeBases);
    }

    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    void delete(UUID id, Authentication authentication) {
        threads.delete(Caller.of(authentication), id);
    }

    private static List<String> distinct(@Nullable List<String> ids) {
        return ids == null ? List.of() : List.copyOf(new LinkedHashSet<>(ids));
    }

    /** No title (or a blank one): "New conversation"; no agent: the tenant's default agent. */
    @Serdeable
    record CreateThreadRequest(@Nullable @Size(max = 200) @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String title,
                               @Nullable @Size(max = MAX_KNOWLEDGE_BASES) List<@NotBlank @Size(max = 100) String> knowledgeBaseIds,
                               @Nullable @Pattern(regexp = AgentClient.SLUG, message = AgentClient.SLUG_MESSAGE) String agent) {
    }

    /** No agent here: a thread keeps the agent it was created with. */
    @Serdeable
    record UpdateThreadRequest(@Nullable @Size(max = 200) @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String title,
                               @Nullable @Size(max = MAX_KNOWLEDGE_BASES) List<@NotBlank @Size(max = 100) String> knowledgeBaseIds) {
    }
}
