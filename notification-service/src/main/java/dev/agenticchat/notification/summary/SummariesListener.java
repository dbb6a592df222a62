package dev.agenticchat.notification.summary;

import dev.agenticchat.support.kafka.ConsumerSpec;
import dev.agenticchat.support.kafka.EventConsumers;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

/**
 * Consumes {@code agent.events.v1} in the durable group {@code notification-summaries}, serially:
 * summaries are rare, and a record waiting out a gateway outage holds up only summaries.
 */
@Singleton
class SummariesListener {
    static final String GROUP = "notification-summaries";

    private final EventConsumers consumers;
    private final SummaryHandler handler;
    private final SummarySettings settings;

    SummariesListener(EventConsumers consumers, SummaryHandler handler, SummarySettings settings) {
        this.consumers = consumers;
        this.handler = handler;
        this.settings = settings;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        consumers.start(ConsumerSpec.durable(GROUP, settings.getTopic()).batched(), handler::apply);
    }
}
