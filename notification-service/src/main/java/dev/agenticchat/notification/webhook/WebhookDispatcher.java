package dev.agenticchat.notification.webhook;

import dev.agenticchat.notification.metrics.NotificationMetrics;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every poll interval, leases as many due deliveries as there are free senders (rows other
 * replicas hold are skipped) and hands each to a sender of its own, outside any transaction.
 * Nothing waits for a batch to finish: a slow target delays only its own deliveries, which its
 * deadline bounds. A delivery whose host already has its share of senders busy goes back to
 * the queue for the next tick, without counting as an attempt.
 */
@Singleton
class WebhookDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final DeliveryLedger ledger;
    private final WebhookSender sender;
    private final ExecutorService workers;
    private final Semaphore senders;
    private final TargetSlots targets;
    private final NotificationMetrics metrics;

    WebhookDispatcher(DeliveryLedger ledger, WebhookSender sender, WebhookSettings settings, NotificationMetrics metrics) {
        this.metrics = metrics;
        this.ledger = ledger;
        this.sender = sender;
        this.senders = new Semaphore(settings.getBatchSize());
        this.targets = new TargetSlots(settings.getMaxConcurrentPerTarget());
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(settings.getBatchSize(),
                task -> new Thread(task, "webhook-sender-" + count.incrementAndGet()));
    }

    @Scheduled(fixedDelay = "${notification.webhooks.poll-interval:1s}", initialDelay = "${notification.webhooks.poll-interval:1s}")
    void dispatchDue() {
        int free = senders.availablePermits();
        if (free == 0) {
            return;
        }
        List<ClaimedDelivery> claimed;
        try {
            claimed = ledger.claim(free);
        } catch (RuntimeException e) {
            LOG.warn("Could not claim webhook deliveries: {}", e.toString());
            return;
        }
        for (ClaimedDelivery delivery : claimed) {
            try {
                dispatch(delivery);
            } catch (RuntimeException e) {
                // The lease runs out and another tick tries again.
                LOG.warn("Webhook delivery {} not dispatched: {}", delivery.id(), e.toString());
            }
        }
    }

    private void dispatch(ClaimedDelivery delivery) {
        if (!Subscription.ACTIVE.equals(delivery.subscriptionStatus())) {
            ledger.giveUp(delivery, "subscription disabled");
            return;
        }
        String host = TargetSlots.key(delivery.url());
        if (!targets.tryAcquire(host)) {
            ledger.postpone(delivery);
            return;
        }
        // Only this scheduler thread acquires, and it claimed no more than were free.
        senders.acquireUninterruptibly();
        try {
            workers.execute(() -> {
                try {
                    DeliveryResult result = sender.send(delivery);
                    metrics.webhookAttempt(result.delivered(), result.statusCode());
                    ledger.record(delivery, result);
                } catch (RuntimeException e) {
                    LOG.warn("Webhook delivery {} not recorded: {}", delivery.id(), e.toString());
                } finally {
                    targets.release(host);
                    senders.release();
                }
            });
        } catch (RuntimeException e) {
            targets.release(host);
            senders.release();
            throw e;
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
