package dev.agenticchat.support.kafka;

import dev.agenticchat.support.events.EventEnvelope;

/** Applies one consumed event. Throwing means "retry, then dead-letter". */
@FunctionalInterface
public interface EventHandler {
    void handle(EventEnvelope event) throws Exception;

    /**
     * The same, for handlers that also need the record's place in the log (the gateway numbers a
     * thread's frames by it); the others ignore it.
     */
    default void handle(EventEnvelope event, RecordPosition position) throws Exception {
        handle(event);
    }
}
