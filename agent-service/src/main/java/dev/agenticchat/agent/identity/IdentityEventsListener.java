package dev.agenticchat.agent.identity;

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
 * Consumes {@code identity.events.v1}: a linked session's turns move to the person, an
 * erased person's turns, LLM request logs, tool calls and citations are deleted. Other
 * identity events are skipped on their type header.
 */
@Singleton
class IdentityEventsListener {
    static final String GROUP = "agent-service-identity";

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
