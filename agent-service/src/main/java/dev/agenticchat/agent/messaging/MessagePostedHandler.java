package dev.agenticchat.agent.messaging;

import dev.agenticchat.agent.turn.TurnRunner;
import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.events.EventEnvelope;
import jakarta.inject.Singleton;

/**
 * Hands user messages to the turn runner (whose claim of the turn also notes the thread's
 * activity, for its summary once it goes quiet). No inbox here: a turn runs for seconds outside
 * any transaction, so the turn row keyed by message id is what makes a redelivery harmless.
 */
@Singleton
class MessagePostedHandler {
    private final EventCodec codec;
    private final TurnRunner turns;

    MessagePostedHandler(EventCodec codec, TurnRunner turns) {
        this.codec = codec;
        this.turns = turns;
    }

    void handle(EventEnvelope event) throws InterruptedException {
        if (!MessagePosted.TYPE.equals(event.type())) {
            return;
        }
        if (codec.decode(event) instanceof MessagePosted posted) {
            turns.answer(posted);
        }
    }
}
