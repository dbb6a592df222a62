package dev.agenticchat.notification.webhook;

import dev.agenticchat.notification.email.ParamSealer;
import dev.agenticchat.support.paging.PageCursor;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Subscriptions of a tenant: created with a secret shown once, listed, deleted. */
@Singleton
class WebhookService {
    /** A new subscription and its secret, which is never shown again. */
    record Created(Subscription subscription, String secret) {
    }

    private final WebhookRepository webhooks;
    private final ParamSealer sealer;
    private final Clock clock;

    WebhookService(WebhookRepository webhooks, ParamSealer sealer, Clock clock) {
        this.webhooks = webhooks;
        this.sealer = sealer;
        this.clock = clock;
    }

    @Transactional
    Created create(String tenantId, String userId, String url, List<String> eventTypes) {
        String secret = WebhookSignatures.newSecret();
        Subscription subscription = new Subscription(UUID.randomUUID(), tenantId, url, List.copyOf(eventTypes),
                sealer.seal(secret), Subscription.ACTIVE, null, clock.instant());
        webhooks.insert(subscription, userId);
        return new Created(subscription, secret);
    }

    @Transactional(readOnly = true)
    List<Subscription> list(String tenantId) {
        return webhooks.byTenant(tenantId);
    }

    @Transactional(readOnly = true)
    Optional<List<DeliveryView>> deliveries(String tenantId, UUID id, @Nullable PageCursor after, int limit) {
        return webhooks.find(tenantId, id).map(subscription -> webhooks.deliveries(subscription.id(), after, limit));
    }

    @Transactional
    boolean delete(String tenantId, UUID id) {
        return webhooks.delete(tenantId, id);
    }
}
