package dev.agenticchat.agent.turn;

import dev.agenticchat.contracts.events.TurnCompleted;
import dev.agenticchat.contracts.events.TurnFailed;
import dev.agenticchat.support.events.EventContext;
import dev.agenticchat.support.events.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The last event of a turn, TurnCompleted or TurnFailed, as the turn row keeps it until Kafka
 * has it: built from the row's columns alone, so the event published again after a crash is
 * the one published (or not) before it, same id and all.
 */
record TurnEnd(UUID turnId, EventEnvelope event) {

    static TurnEnd of(String source, UUID turnId, boolean completed, UUID eventId, Instant endedAt, String tenantId,
                      String userId, String threadId, String data) {
        EventContext context = EventContext.ofThread(tenantId, userId, threadId);
        return new TurnEnd(turnId, new EventEnvelope(eventId.toString(), source,
                completed ? TurnCompleted.TYPE : TurnFailed.TYPE, endedAt, context.subject(), tenantId, userId, threadId,
                data.getBytes(StandardCharsets.UTF_8)));
    }

    /** The end a worker left unpublished in this row. */
    static TurnEnd stored(String source, Turn turn) {
        return of(source, turn.id(), Turn.COMPLETED.equals(turn.status()), turn.endEventId(), turn.completedAt(),
                turn.tenantId(), turn.userId(), turn.threadId(), turn.endEventData());
    }

    String recordKey() {
        return event.threadId();
    }
}
