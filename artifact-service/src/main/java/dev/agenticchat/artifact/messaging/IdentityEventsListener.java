package dev.agenticchat.artifact.messaging;

import dev.agenticchat.contracts.Topics;
import dev.agenticchat.support.kafka.ConsumerSpec;
import dev.agenticchat.support.kafka.EventConsumers;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

/** Starts consuming {@code identity.events.v1} in this service's group. */
@Singleton
class IdentityEventsListener {
    static final String GROUP = "artifact-service";

    private final EventConsumers consumers;
    private final IdentityEventHandler handler;

    IdentityEventsListener(EventConsumers consumers, IdentityEventHandler handler) {
        this.consumers = consumers;
        this.handler = handler;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        consumers.start(ConsumerSpec.durable(GROUP, Topics.IDENTITY_EVENTS), handler::apply);
    }
}
