package dev.agenticchat.support.kafka;

import dev.agenticchat.support.events.EventEnvelope;

/** Applies one consumed event. Throwing means "retry, then dead-letter". */
@FunctionalInterface
public interface EventHandler {
    void handle(EventEnvelope event) throws Exception;
}
