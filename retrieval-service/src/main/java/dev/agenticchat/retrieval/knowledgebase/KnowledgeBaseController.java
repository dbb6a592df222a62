package dev.agenticchat.retrieval.knowledgebase;

import dev.agenticchat.retrieval.embedding.Embedders;
import dev.agenticchat.support.paging.Page;
import dev.agenticchat.support.paging.PageCursor;
import dev.agenticchat.support.paging.PageLimit;
import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;

/**
 * The caller's own knowledge bases and their tenant's ({@link KnowledgeBaseService} says who may do
 * what). Service credentials (on behalf of a user) read like that user's token, so chat-service
 * checks with {@code GET /{id}} that a thread may use one.
 */
@ProblemResponses
@Controller("/api/knowledge-bases")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class KnowledgeBaseController {
    private static final String LIST = "knowledge-bases";

    private final KnowledgeBaseService knowledgeBases;
    private final Embedders embedders;

    KnowledgeBaseController(KnowledgeBaseService knowledgeBases, Embedders embedders) {
        this.knowledgeBases = knowledgeBases;
        this.embedders = embedders;
    }

    @Get
    Page<KnowledgeBaseView> list(@QueryValue @Nullable String cursor, @QueryValue @Nullable Integer limit,
                                 Authentication authentication) {
        int size = PageLimit.of(limit);
        return Page.of(LIST, knowledgeBases.page(Caller.of(authentication), Page.after(LIST, cursor), size + 1), size,
                kb -> new PageCursor(kb.createdAt(), kb.id()), KnowledgeBaseView::of);
    }

    @Post
    HttpResponse<KnowledgeBaseView> create(@Body @Valid CreateKnowledgeBaseRequest request, Authentication authentication) {
        String model = request.embeddingModel() == null ? Embedders.DEFAULT : request.embeddingModel();
        embedders.forNewKnowledgeBase(model);
        int chunkSize = request.chunkSize() == null ? CreateKnowledgeBaseRequest.DEFAULT_CHUNK_SIZE : request.chunkSize();
        int overlap = request.chunkOverlap() == null ? CreateKnowledgeBaseRequest.DEFAULT_CHUNK_OVERLAP : request.chunkOverlap();
        if (overlap * 2 > chunkSize) {
            throw ApiProblem.badRequest("chunk_overlap must be at most half of chunk_size (" + chunkSize + ")", "chunk_overlap");
        }
        KnowledgeBase saved = knowledgeBases.create(Caller.of(authentication), request.forTenant(), request.name().strip(),
                request.description(), model, chunkSize, overlap);
        return HttpResponse.created(KnowledgeBaseView.of(saved), URI.create("/api/knowledge-bases/" + saved.id()));
    }

    @Get("/{id}")
    KnowledgeBaseView get(UUID id, Authentication authentication) {
        return KnowledgeBaseView.of(knowledgeBases.readable(Caller.of(authentication), id));
    }

    @Patch("/{id}")
    KnowledgeBaseView update(UUID id, @Body @Valid UpdateKnowledgeBaseRequest request, Authentication authentication) {
        KnowledgeBase kb = knowledgeBases.changeable(Caller.of(authentication), id);
        String name = request.name() == null ? kb.name() : request.name().strip();
        String description = request.description() == null ? kb.description() : request.description();
        return KnowledgeBaseView.of(knowledgeBases.update(kb.renamed(name, description)));
    }

    @Delete("/{id}")
    HttpResponse<Void> delete(UUID id, Authentication authentication) {
        knowledgeBases.delete(knowledgeBases.changeable(Caller.of(authentication), id));
        return HttpResponse.noContent();
    }
}
