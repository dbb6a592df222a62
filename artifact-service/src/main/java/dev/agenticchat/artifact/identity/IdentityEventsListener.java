package dev.agenticchat.artifact.identity;

import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.ErasureRequested;
import dev.agenticchat.contracts.events.UserLinked;
import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.events.EventEnvelope;
import dev.agenticchat.support.kafka.ConsumerSpec;
import dev.agenticchat.support.kafka.EventConsumers;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

/**
 * Consumes {@code identity.events.v1}: a linked session's artifacts move to the person, an
 * erased person's artifacts are deleted and the erasure confirmed. Other identity events are
 * skipped on their type header.
 */
@Singleton
class IdentityEventsListener {
    static final String GROUP = "artifact-service-identity";

    private final EventConsumers consumers;
    private final EventCodec codec;
    private final IdentityEventHandler handler;

    IdentityEventsListener(EventConsumers consumers, EventCodec codec, IdentityEventHandler handler) {
        this.consumers = consumers;
        this.codec = codec;
        this.handler = handler;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        consumers.start(ConsumerSpec.durable(GROUP, Topics.IDENTITY_EVENTS), this::onEvent);
    }

    void onEvent(EventEnvelope event) {
        if (UserLinked.TYPE.equals(event.type()) && codec.decode(event) instanceof UserLinked linked) {
            handler.onUserLinked(event, linked);
        } else if (ErasureRequested.TYPE.equals(event.type()) && codec.decode(event) instanceof ErasureRequested erasure) {
            handler.onErasureRequested(event, erasure);
        }
    }
}
