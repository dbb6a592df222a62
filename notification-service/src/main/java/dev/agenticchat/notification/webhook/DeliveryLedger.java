package dev.agenticchat.notification.webhook;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactional side of delivering: leasing due rows and recording each attempt. A delivery
 * that fails through the whole retry schedule (about a day by default) is given up and its
 * subscription disabled: the target has been failing persistently. A 410 Gone disables at once.
 */
@Singleton
class DeliveryLedger {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLedger.class);
    private static final int GONE = 410;

    private final WebhookRepository webhooks;
    private final WebhookSettings settings;
    private final Clock clock;

    DeliveryLedger(WebhookRepository webhooks, WebhookSettings settings, Clock clock) {
        this.webhooks = webhooks;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional
    List<ClaimedDelivery> claim(int limit) {
        return webhooks.claimDue(clock.instant(), settings.getLease(), Math.min(limit, settings.getBatchSize()));
    }

    /** Back in the queue at the next poll, the lease dropped and no attempt counted. */
    @Transactional
    void postpone(ClaimedDelivery delivery) {
        webhooks.postpone(delivery.id(), clock.instant().plus(settings.getPollInterval()));
    }

    @Transactional
    void giveUp(ClaimedDelivery delivery, String reason) {
        webhooks.giveUp(delivery.id(), reason);
    }

    @Transactional
    void record(ClaimedDelivery delivery, DeliveryResult result) {
        Instant now = clock.instant();
        int attempt = delivery.attempts() + 1;
        if (result.delivered()) {
            webhooks.recordAttempt(delivery.id(), "delivered", result.statusCode(), null, null, now);
        } else if (Integer.valueOf(GONE).equals(result.statusCode())) {
            // Standard Webhooks: 410 means the endpoint is gone for good; stop at once.
            webhooks.recordAttempt(delivery.id(), "failed", result.statusCode(), result.error(), null, now);
            webhooks.disable(delivery.subscriptionId(), "the target answered 410 Gone");
        } else if (attempt >= settings.maxAttempts()) {
            webhooks.recordAttempt(delivery.id(), "failed", result.statusCode(), result.error(), null, now);
            webhooks.disable(delivery.subscriptionId(),
                    "deliveries failed for " + attempt + " attempts over the whole retry schedule");
            LOG.warn("Webhook {} disabled: delivery {} failed {} times ({})", delivery.subscriptionId(), delivery.id(),
                    attempt, result.error());
        } else {
            webhooks.recordAttempt(delivery.id(), "pending", result.statusCode(), result.error(),
                    now.plus(settings.getRetrySchedule().get(attempt - 1)), now);
        }
    }
}
