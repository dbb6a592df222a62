package dev.agenticchat.agent.identity;

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
 * Consumes {@code identity.events.v1}: a linked session's turns and summaries move to the
 * person, an erased person's turns, LLM request logs, tool calls, citations, summaries and
 * thread activity are deleted. Other
 * identity events are skipped on their type header.
 */
@Singleton
class IdentityEventsListener {
    static final String GROUP = "agent-service-identity";

    private final EventConsumers consumers;
    private final EventCodec codec;
    private final IdentityEventHandler handler;
    private final String group;
    private final String topic;

    IdentityEventsListener(EventConsumers consumers, EventCodec codec, IdentityEventHandler handler,
                           @Value("${agent.identity.group:" + GROUP + "}") String group,
                           @Value("${agent.identity.topic:" + Topics.IDENTITY_EVENTS + "}") String topic) {
        this.consumers = consumers;
        this.codec = codec;
        this.handler = handler;
        this.group = group;
        this.topic = topic;
    }

    /** Tests point the listener at a private topic and group, so no other worker takes their events. */
    @EventListener
    void onStartup(StartupEvent event) {
        consumers.start(ConsumerSpec.durable(group, topic), this::onEvent);
    }

    void onEvent(EventEnvelope event) {
        if (UserLinked.TYPE.equals(event.type()) && codec.decode(event) instanceof UserLinked linked) {
            handler.onUserLinked(event, linked);
        } else if (ErasureRequested.TYPE.equals(event.type()) && codec.decode(event) instanceof ErasureRequested erasure) {
            handler.onErasureRequested(event, erasure);
        }
    }
}
