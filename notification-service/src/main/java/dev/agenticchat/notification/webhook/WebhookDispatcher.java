package dev.agenticchat.notification.webhook;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every poll interval, leases a batch of due deliveries (rows other replicas hold are skipped)
 * and sends them concurrently, outside any transaction.
 */
@Singleton
class WebhookDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final DeliveryLedger ledger;
    private final WebhookSender sender;
    private final ExecutorService workers;

    WebhookDispatcher(DeliveryLedger ledger, WebhookSender sender, WebhookSettings settings) {
        this.ledger = ledger;
        this.sender = sender;
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(settings.getBatchSize(),
                task -> new Thread(task, "webhook-sender-" + count.incrementAndGet()));
    }

    @Scheduled(fixedDelay = "${notification.webhooks.poll-interval:1s}", initialDelay = "${notification.webhooks.poll-interval:1s}")
    void dispatchDue() {
        List<ClaimedDelivery> claimed;
        try {
            claimed = ledger.claim();
        } catch (RuntimeException e) {
            LOG.warn("Could not claim webhook deliveries: {}", e.toString());
            return;
        }
        CompletableFuture.allOf(claimed.stream()
                .map(delivery -> CompletableFuture.runAsync(() -> deliver(delivery), workers))
                .toArray(CompletableFuture[]::new)).join();
    }

    private void deliver(ClaimedDelivery delivery) {
        try {
            if (!Subscription.ACTIVE.equals(delivery.subscriptionStatus())) {
                ledger.giveUp(delivery, "subscription disabled");
                return;
            }
            ledger.record(delivery, sender.send(delivery));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The lease runs out and another tick tries again.
            LOG.warn("Webhook delivery {} not recorded: {}", delivery.id(), e.toString());
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
