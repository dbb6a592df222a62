package dev.agenticchat.notification.email;

import dev.agenticchat.support.kafka.ConsumerSpec;
import dev.agenticchat.support.kafka.EventConsumers;
import dev.agenticchat.support.kafka.KeyOrderedEventConsumer;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Consumes mail requests in group {@code notification-mailer}. Sending blocks on the provider
 * (and on backoff), so requests run concurrently by record key on a worker pool of their own.
 */
@Singleton
class MailRequestsListener {
    static final String GROUP = "notification-mailer";

    private final EventConsumers consumers;
    private final MailRequestHandler handler;
    private final EmailSettings settings;
    private ExecutorService workers;
    private KeyOrderedEventConsumer consumer;

    MailRequestsListener(EventConsumers consumers, MailRequestHandler handler, EmailSettings settings) {
        this.consumers = consumers;
        this.handler = handler;
        this.settings = settings;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        AtomicInteger count = new AtomicInteger();
        workers = Executors.newFixedThreadPool(settings.getConcurrency(),
                task -> new Thread(task, "mailer-" + count.incrementAndGet()));
        consumer = consumers.startKeyOrdered(ConsumerSpec.durable(GROUP, settings.getRequestsTopic()), handler::apply,
                workers, settings.getConcurrency() * 4);
    }

    /**
     * Stops fetching and commits before interrupting sends in progress: an interrupted request
     * is not committed, so it is redelivered and sent (at least once).
     */
    @PreDestroy
    void stop() throws InterruptedException {
        if (consumer != null) {
            consumer.close();
        }
        if (workers != null) {
            workers.shutdownNow();
            workers.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
