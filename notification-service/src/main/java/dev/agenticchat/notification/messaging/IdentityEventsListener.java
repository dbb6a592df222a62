package dev.agenticchat.notification.messaging;

import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.ErasureRequested;
import dev.agenticchat.contracts.events.UserLinked;
import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.events.EventEnvelope;
import dev.agenticchat.support.kafka.ConsumerSpec;
import dev.agenticchat.support.kafka.EventConsumers;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

/**
 * Consumes {@code identity.events.v1}: a linked session's mail log moves to the person, an
 * erased person's mail log, codes and webhook deliveries are deleted and the erasure confirmed.
 * Other identity events are skipped on their type header.
 */
@Singleton
class IdentityEventsListener {
    static final String GROUP = "notification-service";
    /** identity.events.v1 unless a test points it at a private topic. */
    static final String TOPIC = "${notification.identity-topic:" + Topics.IDENTITY_EVENTS + "}";

    private final EventConsumers consumers;
    private final EventCodec codec;
    private final IdentityEventHandler handler;
    private final String topic;

    IdentityEventsListener(EventConsumers consumers, EventCodec codec, IdentityEventHandler handler,
                           @Value(TOPIC) String topic) {
        this.consumers = consumers;
        this.codec = codec;
        this.handler = handler;
        this.topic = topic;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        consumers.start(ConsumerSpec.durable(GROUP, topic), this::onEvent);
    }

    void onEvent(EventEnvelope event) {
        if (UserLinked.TYPE.equals(event.type()) && codec.decode(event) instanceof UserLinked linked) {
            handler.onUserLinked(event, linked);
        } else if (ErasureRequested.TYPE.equals(event.type()) && codec.decode(event) instanceof ErasureRequested erasure) {
            handler.onErasureRequested(event, erasure);
        }
    }
}
