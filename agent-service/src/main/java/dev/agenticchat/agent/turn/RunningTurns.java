package dev.agenticchat.agent.turn;

import dev.agenticchat.agent.llm.Deadline;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The turns this worker is running, by thread, so a user's stop request can reach them. */
@Singleton
public class RunningTurns {
    private record Running(String turnId, String tenantId, String userId, Deadline deadline) {
    }

    /** Unregisters when closed. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private final Map<String, Running> byThread = new ConcurrentHashMap<>();

    Registration register(Turn turn, Deadline deadline) {
        Running running = new Running(turn.id().toString(), turn.tenantId(), turn.userId(), deadline);
        byThread.put(turn.threadId(), running);
        return () -> byThread.remove(turn.threadId(), running);
    }

    /**
     * Stops the thread's running turn if it runs here, belongs to that tenant and user, and is
     * the turn named (when one is).
     */
    public boolean cancel(String threadId, @Nullable String turnId, String tenantId, String userId) {
        Running running = byThread.get(threadId);
        if (running == null || !running.tenantId().equals(tenantId) || !running.userId().equals(userId)
                || turnId != null && !turnId.equals(running.turnId())) {
            return false;
        }
        running.deadline().cancel();
        return true;
    }
}
