package dev.agenticchat.retrieval.knowledge;

import dev.agenticchat.support.security.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Knowledge bases of the caller's tenant. Ingestion and search arrive with the retrieval issue. */
@Controller("/api/knowledge-bases")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class KnowledgeBaseController {
    static final String DEFAULT_EMBEDDING_MODEL = "all-minilm-l6-v2";

    private final KnowledgeBaseRepository repository;

    KnowledgeBaseController(KnowledgeBaseRepository repository) {
        this.repository = repository;
    }

    @Get
    List<KnowledgeBaseView> list(Authentication authentication) {
        return repository.findByTenantIdOrderByCreatedAtDesc(Caller.of(authentication).tenantId()).stream()
                .map(KnowledgeBaseView::of).toList();
    }

    @Post
    HttpResponse<KnowledgeBaseView> create(@Body @Valid CreateKnowledgeBaseRequest request, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        KnowledgeBase saved = repository.save(new KnowledgeBase(UUID.randomUUID(), caller.tenantId(), caller.userId(),
                request.name().strip(), request.description(), DEFAULT_EMBEDDING_MODEL, Instant.now()));
        return HttpResponse.created(KnowledgeBaseView.of(saved), URI.create("/api/knowledge-bases/" + saved.id()));
    }

    @Serdeable
    record CreateKnowledgeBaseRequest(@NotBlank @Size(max = 200) String name, @Nullable @Size(max = 2000) String description) {
    }

    @Serdeable
    record KnowledgeBaseView(UUID id, String name, @Nullable String description, String embeddingModel, Instant createdAt) {
        static KnowledgeBaseView of(KnowledgeBase kb) {
            return new KnowledgeBaseView(kb.id(), kb.name(), kb.description(), kb.embeddingModel(), kb.createdAt());
        }
    }
}
