package dev.agenticchat.notification.webhook;

import dev.agenticchat.support.kafka.ConsumerSpec;
import dev.agenticchat.support.kafka.EventConsumers;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Consumes the tenants' durable events in the durable group {@code notification-webhooks}, one
 * consumer per topic: a record that can be neither handled nor parked (a topic without its
 * dead-letter topic) holds up that topic's webhooks only.
 */
@Singleton
class WebhookEventsListener {
    static final String GROUP = "notification-webhooks";

    private final EventConsumers consumers;
    private final WebhookEventHandler handler;
    /** A webhook may arrive a quarter of a second later; agent.events.v1 is mostly deltas, which it skips. */
    static final Duration BATCH_WAIT = Duration.ofMillis(250);
    private final WebhookSettings settings;

    WebhookEventsListener(EventConsumers consumers, WebhookEventHandler handler, WebhookSettings settings) {
        this.consumers = consumers;
        this.handler = handler;
        this.settings = settings;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        settings.getTopics().forEach(topic -> consumers.start(ConsumerSpec.durable(GROUP, topic).batchedUpTo(BATCH_WAIT), handler::apply));
    }
}
