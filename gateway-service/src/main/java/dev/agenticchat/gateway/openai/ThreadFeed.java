package dev.agenticchat.gateway.openai;

import dev.agenticchat.gateway.ws.ServerFrame;
import java.util.function.Consumer;

/**
 * Where a completion reads its thread's frames: the gateway's one stream of turn events (the same
 * frames, in the same order, as a WebSocket watching the thread), for the key principal's own
 * tenant and user only. Following starts right after the message was stored and still sees its
 * turn from the start.
 */
interface ThreadFeed {
    /** Frames of the thread until closed; {@code frames} must not block. */
    AutoCloseable follow(String threadId, String tenantId, String userId, Consumer<ServerFrame> frames);
}
