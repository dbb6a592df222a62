package dev.agenticchat.gateway.openai;

import dev.agenticchat.gateway.stream.ThreadReader;
import dev.agenticchat.gateway.stream.ThreadStreams;
import dev.agenticchat.gateway.stream.ThreadSubscription;
import dev.agenticchat.gateway.ws.ServerFrame;
import jakarta.inject.Singleton;

/**
 * A completion's turn, read from {@link ThreadStreams} like every other reader of a thread: the
 * turn answering the posted message from its start, however soon after the post it is asked for,
 * then live; only events of the key principal's own tenant and user reach it.
 */
@Singleton
class TurnFeed {
    private final ThreadStreams streams;

    TurnFeed(ThreadStreams streams) {
        this.streams = streams;
    }

    ThreadSubscription follow(Completions.Caller caller, Completions.Posted posted, TurnFollower follower) {
        return streams.subscribeForMessage(posted.threadId().toString(), posted.messageId(),
                new KeyReader(caller.tenantId(), caller.userId(), follower));
    }

    private record KeyReader(String tenantId, String userId, TurnFollower follower) implements ThreadReader {
        @Override
        public boolean accepts(String eventTenantId, String eventUserId) {
            return tenantId.equals(eventTenantId) && userId.equals(eventUserId);
        }

        @Override
        public void deliver(ServerFrame frame, String json) {
            follower.accept(frame);
        }

        /** Only asked of readers resuming after a seq; a completion follows its turn from the start. */
        @Override
        public void historyRequired(String threadId) {
        }
    }
}
