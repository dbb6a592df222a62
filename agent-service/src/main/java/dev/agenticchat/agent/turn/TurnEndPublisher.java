package dev.agenticchat.agent.turn;

import dev.agenticchat.contracts.Topics;
import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.kafka.EventPublisher;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes a turn's end event through the producer that streamed the turn's other events, so
 * it reaches {@code agent.events.v1} after them (one producer, one key: Kafka keeps the order),
 * and returns once Kafka has it. Until then the turn row keeps the event: if it cannot be
 * published, the exception fails the handling of the user message, whose offset is therefore
 * not committed; the retried or redelivered message finds the turn ended and publishes the
 * stored event again. The next turn of the thread starts only after this returns, so its
 * events never overtake this end.
 */
@Singleton
class TurnEndPublisher {
    /** Longer than the producer's own delivery timeout, which normally ends a send first. */
    private static final Duration ACKNOWLEDGEMENT_BOUND = Duration.ofSeconds(60);

    private final EventPublisher publisher;
    private final EventCodec codec;
    private final TurnRepository turns;

    TurnEndPublisher(EventPublisher publisher, EventCodec codec, TurnRepository turns) {
        this.publisher = publisher;
        this.codec = codec;
        this.turns = turns;
    }

    String source() {
        return codec.source();
    }

    void publish(TurnEnd end) throws InterruptedException {
        try {
            publisher.sendNow(codec.toRecord(Topics.AGENT_EVENTS, end.recordKey(), end.event()))
                    .get(ACKNOWLEDGEMENT_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new EndNotPublished(end, e.getCause());
        } catch (TimeoutException e) {
            throw new EndNotPublished(end, new org.apache.kafka.common.errors.TimeoutException(
                    "no acknowledgement within " + ACKNOWLEDGEMENT_BOUND));
        }
        turns.markEndPublished(end.turnId());
    }

    /** Kafka did not take the end; the cause says why (a retriable Kafka error while a broker is down). */
    static final class EndNotPublished extends RuntimeException {
        EndNotPublished(TurnEnd end, Throwable cause) {
            super("turn " + end.turnId() + ": Kafka did not acknowledge its end event " + end.event().id(), cause);
        }
    }
}
