package dev.agenticchat.notification.webhook;

import dev.agenticchat.support.paging.Page;
import dev.agenticchat.support.paging.PageCursor;
import dev.agenticchat.support.paging.PageLimit;
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
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A tenant's webhook subscriptions, for its administrators (role {@code tenant_admin}). */
@ProblemResponses
@Controller("/api/webhooks")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class WebhookController {
    private static final String LIST = "webhook-deliveries";

    private final WebhookService service;
    private final WebhookSettings settings;
    private final HostResolver resolver;

    WebhookController(WebhookService service, WebhookSettings settings, HostResolver resolver) {
        this.service = service;
        this.settings = settings;
        this.resolver = resolver;
    }

    @Post
    HttpResponse<CreatedView> create(@Body @Valid CreateWebhook request, Authentication authentication) {
        Caller caller = admin(authentication);
        URI url;
        try {
            url = TargetPolicy.parse(request.url());
            TargetPolicy.vet(url, settings.isAllowPrivateTargets(), resolver);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(e.getMessage(), "url");
        }
        for (String type : request.eventTypes()) {
            if (!WebhookEventTypes.ALL.equals(type) && !WebhookEventTypes.DELIVERABLE.contains(type)) {
                throw ApiProblem.badRequest("event_types: unknown or undeliverable type " + type + "; one of "
                        + WebhookEventTypes.DELIVERABLE + " or *", "event_types");
            }
        }
        WebhookService.Created created = service.create(caller.tenantId(), caller.userId(), url.toString(), request.eventTypes());
        Subscription s = created.subscription();
        return HttpResponse.created(new CreatedView(s.id(), s.url(), s.eventTypes(), s.status(), s.createdAt(), created.secret()),
                URI.create("/api/webhooks/" + s.id()));
    }

    @Get
    Page<SubscriptionView> list(Authentication authentication) {
        return new Page<>(service.list(admin(authentication).tenantId()).stream().map(SubscriptionView::of).toList(), null);
    }

    @Get("/{id}/deliveries")
    Page<DeliveryView> deliveries(UUID id, @Nullable @QueryValue String cursor, @Nullable @QueryValue Integer limit,
                                  Authentication authentication) {
        int size = PageLimit.of(limit);
        return service.deliveries(admin(authentication).tenantId(), id, PageCursor.decode(LIST, cursor), size + 1)
                .map(rows -> Page.of(LIST, rows, size, row -> new PageCursor(row.createdAt(), row.id()), row -> row))
                .orElseThrow(() -> ApiProblem.notFound("webhook " + id));
    }

    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    void delete(UUID id, Authentication authentication) {
        if (!service.delete(admin(authentication).tenantId(), id)) {
            throw ApiProblem.notFound("webhook " + id);
        }
    }

    private static Caller admin(Authentication authentication) {
        return Caller.of(authentication).requireTenantAdmin("managing webhooks");
    }

    @Serdeable
    record CreateWebhook(@NotBlank @Size(max = 2000) String url, @NotEmpty @Size(max = 50) List<@NotBlank String> eventTypes) {
    }

    @Serdeable
    record SubscriptionView(UUID id, String url, List<String> eventTypes, String status, @Nullable String disabledReason,
                            Instant createdAt) {
        static SubscriptionView of(Subscription s) {
            return new SubscriptionView(s.id(), s.url(), s.eventTypes(), s.status(), s.disabledReason(), s.createdAt());
        }
    }

    @Serdeable
    record CreatedView(UUID id, String url, List<String> eventTypes, String status, Instant createdAt, String secret) {
    }
}
