package dev.agenticchat.chat.messaging;

import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.ConversationSummarized;
import dev.agenticchat.contracts.events.TurnCompleted;
import dev.agenticchat.contracts.events.TurnFailed;
import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.events.EventEnvelope;
import dev.agenticchat.support.kafka.ConsumerSpec;
import dev.agenticchat.support.kafka.EventConsumers;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

/**
 * Consumes {@code agent.events.v1} for the turns that ended (completed ones store their answer;
 * both end the user's running turn) and the conversation summaries. Most records on the topic
 * are stream deltas: anything else is dropped on its type header alone, before decoding or
 * touching the database.
 */
@Singleton
class AgentEventsListener {
    private final EventConsumers consumers;
    private final EventCodec codec;
    private final AgentEventHandler handler;

    AgentEventsListener(EventConsumers consumers, EventCodec codec, AgentEventHandler handler) {
        this.consumers = consumers;
        this.codec = codec;
        this.handler = handler;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        consumers.start(ConsumerSpec.durable(ConsumerGroup.ID, Topics.AGENT_EVENTS), this::onEvent);
    }

    void onEvent(EventEnvelope event) {
        if (TurnCompleted.TYPE.equals(event.type()) && codec.decode(event) instanceof TurnCompleted completed) {
            handler.onTurnCompleted(event, completed);
        } else if (TurnFailed.TYPE.equals(event.type()) && codec.decode(event) instanceof TurnFailed failed) {
            handler.onTurnFailed(event, failed);
        } else if (ConversationSummarized.TYPE.equals(event.type())
                && codec.decode(event) instanceof ConversationSummarized summarized) {
            handler.onSummarized(event, summarized);
        }
    }
}
