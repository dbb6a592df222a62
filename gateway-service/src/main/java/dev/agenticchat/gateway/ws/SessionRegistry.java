package dev.agenticchat.gateway.ws;

import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions subscribed to each thread on this instance. Fan-out looks a thread up for
 * every event (most of them deltas), so that lookup is one map read and finds nothing at
 * once for threads nobody here watches.
 */
@Singleton
public class SessionRegistry {
    private final Map<String, Set<ClientSession>> byThread = new ConcurrentHashMap<>();

    public Collection<ClientSession> subscribers(String threadId) {
        Set<ClientSession> sessions = byThread.get(threadId);
        return sessions == null ? List.of() : sessions;
    }

    /** False when the session is closed or already watches as many threads as it may. */
    boolean subscribe(ClientSession session, String threadId, int maxSubscriptions) {
        if (!session.open() || !session.addThread(threadId, maxSubscriptions)) {
            return false;
        }
        byThread.compute(threadId, (id, sessions) -> {
            Set<ClientSession> set = sessions != null ? sessions : ConcurrentHashMap.newKeySet();
            set.add(session);
            return set;
        });
        if (!session.open()) {
            // Closed while we were subscribing: its close already cleaned up, so undo this one.
            unsubscribe(session, threadId);
            return false;
        }
        return true;
    }

    void unsubscribe(ClientSession session, String threadId) {
        session.removeThread(threadId);
        byThread.computeIfPresent(threadId, (id, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
    }

    void remove(ClientSession session) {
        for (String threadId : session.threads()) {
            unsubscribe(session, threadId);
        }
    }
}
