package dev.agenticchat.gateway.stream;

import dev.agenticchat.gateway.ws.ServerFrame;

/**
 * Whoever reads a thread's events: a WebSocket session, an SSE response, a ChatKit or an
 * OpenAI-compatible stream. Frames reach it in the thread's order, those with a {@code seq} once
 * each; it must never block (it queues or drops, as a socket does).
 */
public interface ThreadReader {
    /** Whether an event of this tenant and user may reach this reader: only its own identity's. */
    boolean accepts(String tenantId, String userId);

    /** One frame and its JSON text, serialized once for every reader of the event. */
    void deliver(ServerFrame frame, String json);

    /**
     * The events after the reader's {@code after_seq} are no longer all in the log: it should load
     * the thread's stored messages instead. Frames go on after this.
     */
    void historyRequired(String threadId);

    /** True for a user message this reader posted itself (it has the acknowledgement, not the echo). */
    default boolean posted(String clientMessageId) {
        return false;
    }
}
