package dev.agenticchat.notification.webhook;

import dev.agenticchat.support.kafka.ConsumerSpec;
import dev.agenticchat.support.kafka.EventConsumers;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

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
    private final WebhookSettings settings;

    WebhookEventsListener(EventConsumers consumers, WebhookEventHandler handler, WebhookSettings settings) {
        this.consumers = consumers;
        this.handler = handler;
        this.settings = settings;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        settings.getTopics().forEach(topic -> consumers.start(ConsumerSpec.durable(GROUP, topic).batched(), handler::apply));
    }
}
