package dev.agenticchat.gateway.apikey;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
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

/**
 * {@code /api/api-keys}: the tenant's keys for the OpenAI-compatible API, for its admins only
 * (everyone else 403, as every tenant admin endpoint answers; no token 401). The secret is in the
 * creation's answer and nowhere else, ever.
 */
@ProblemResponses
@Controller("/api/api-keys")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class ApiKeyController {
    private static final String WHAT = "Managing API keys";

    private final ApiKeyService keys;

    ApiKeyController(ApiKeyService keys) {
        this.keys = keys;
    }

    @Post
    HttpResponse<CreatedKeyView> create(@Body @Valid CreateKeyRequest request, Authentication authentication) {
        Caller admin = Caller.of(authentication).requireTenantAdmin(WHAT);
        ApiKeyService.CreatedKey created = keys.create(admin, request.name().strip());
        ApiKey key = created.key();
        return HttpResponse.created(new CreatedKeyView(key.id(), key.name(), key.prefix(), created.secret(), key.createdAt()),
                URI.create("/api/api-keys/" + key.id()));
    }

    @Get
    Items list(Authentication authentication) {
        Caller admin = Caller.of(authentication).requireTenantAdmin(WHAT);
        return new Items(keys.list(admin).stream().map(KeyView::of).toList());
    }

    @Delete("/{id}")
    HttpResponse<Void> revoke(String id, Authentication authentication) {
        Caller admin = Caller.of(authentication).requireTenantAdmin(WHAT);
        keys.revoke(admin, uuid(id));
        return HttpResponse.noContent();
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound("API key " + id);
        }
    }

    @Serdeable
    record CreateKeyRequest(@NotBlank @Size(max = 100) String name) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Items(List<KeyView> items) {
    }

    /** {@code key}: the secret, in this answer only. */
    @Serdeable
    record CreatedKeyView(UUID id, String name, String prefix, String key, Instant createdAt) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record KeyView(UUID id, String name, String prefix, @Nullable UUID createdBy, Instant createdAt,
                   @Nullable Instant lastUsedAt, @Nullable Instant revokedAt) {
        static KeyView of(ApiKey key) {
            return new KeyView(key.id(), key.name(), key.prefix(), key.createdBy(), key.createdAt(), key.lastUsedAt(),
                    key.revokedAt());
        }
    }
}
