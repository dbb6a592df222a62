package dev.agenticchat.retrieval.search;

import dev.agenticchat.retrieval.knowledgebase.KnowledgeBaseService;
import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;
import java.util.UUID;

/** Search of a knowledge base the caller may read (theirs or the tenant's); agent-service calls it with service credentials. */
@ProblemResponses
@Controller("/api/knowledge-bases/{id}/search")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class SearchController {
    private final KnowledgeBaseService knowledgeBases;
    private final SearchService search;

    SearchController(KnowledgeBaseService knowledgeBases, SearchService search) {
        this.knowledgeBases = knowledgeBases;
        this.search = search;
    }

    @Post
    SearchResponse search(UUID id, @Body @Valid SearchRequest request, Authentication authentication) {
        return search.search(knowledgeBases.readable(Caller.of(authentication), id), request.query(), request.searchMode(),
                request.limit(), request.threshold());
    }
}
