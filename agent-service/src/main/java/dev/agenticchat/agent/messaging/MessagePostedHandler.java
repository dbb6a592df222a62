package dev.agenticchat.agent.messaging;

import dev.agenticchat.agent.Interruptions;
import dev.agenticchat.agent.summary.ThreadActivity;
import dev.agenticchat.agent.turn.TurnRunner;
import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.events.EventEnvelope;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notes the thread's activity (for its summary once it goes quiet) and hands user messages to
 * the turn runner. No inbox here: a turn runs for seconds outside any transaction, so the turn
 * row keyed by message id is what makes a redelivery harmless.
 */
@Singleton
class MessagePostedHandler {
    private static final Logger LOG = LoggerFactory.getLogger(MessagePostedHandler.class);

    private final EventCodec codec;
    private final TurnRunner turns;
    private final ThreadActivity activity;

    MessagePostedHandler(EventCodec codec, TurnRunner turns, ThreadActivity activity) {
        this.codec = codec;
        this.turns = turns;
        this.activity = activity;
    }

    void handle(EventEnvelope event) throws InterruptedException {
        if (!MessagePosted.TYPE.equals(event.type())) {
            return;
        }
        if (codec.decode(event) instanceof MessagePosted posted) {
            noteActivity(posted);
            turns.answer(posted);
        }
    }

    /** Answering matters more: the end of the turn notes the activity again anyway. */
    private void noteActivity(MessagePosted posted) throws InterruptedException {
        try {
            activity.messagePosted(posted);
        } catch (RuntimeException e) {
            Interruptions.propagate(e);
            LOG.warn("thread {}: could not note its activity: {}", posted.threadId(), e.toString());
        }
    }
}
