package dev.agenticchat.gateway.ws;

import dev.agenticchat.gateway.stream.ThreadStreams;
import dev.agenticchat.gateway.stream.ThreadSubscription;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The sockets on this instance: per user (for events outside threads, and limits), per address
 * (limits), and the threads each reads through {@link ThreadStreams}.
 */
@Singleton
public class SessionRegistry {
    private final Map<String, Set<ClientSession>> byUser = new ConcurrentHashMap<>();
    private final Map<String, Integer> byAddress = new ConcurrentHashMap<>();

    private final ThreadStreams streams;

    SessionRegistry(ThreadStreams streams) {
        this.streams = streams;
    }

    /** Every authenticated session of a user on this instance, for events outside any thread (uploads, artifacts). */
    public Collection<ClientSession> sessionsOf(String tenantId, String userId) {
        Set<ClientSession> sessions = byUser.get(userKey(tenantId, userId));
        return sessions == null ? List.of() : sessions;
    }

    /**
     * A connection stays with the user it first authenticated as, so it is registered once; false
     * (and not registered) when the user already holds {@code maxPerUser} sockets on this instance
     * (0: no limit).
     */
    boolean authenticated(ClientSession session, String tenantId, String userId, int maxPerUser) {
        boolean[] admitted = {false};
        byUser.compute(userKey(tenantId, userId), (key, sessions) -> {
            Set<ClientSession> set = sessions != null ? sessions : ConcurrentHashMap.newKeySet();
            if (maxPerUser <= 0 || set.size() < maxPerUser) {
                admitted[0] = set.add(session);
            }
            return set.isEmpty() ? null : set;
        });
        if (admitted[0] && !session.open()) {
            forget(session, tenantId, userId);
        }
        return admitted[0];
    }

    /** Counts a new socket from this client address; false (not counted) past {@code maxPerAddress} (0: no limit). */
    boolean opened(String address, int maxPerAddress) {
        boolean[] admitted = {false};
        byAddress.compute(address, (key, count) -> {
            int current = count == null ? 0 : count;
            admitted[0] = maxPerAddress <= 0 || current < maxPerAddress;
            int next = admitted[0] ? current + 1 : current;
            return next == 0 ? null : next;
        });
        return admitted[0];
    }

    void closed(String address) {
        byAddress.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
    }

    private void forget(ClientSession session, String tenantId, String userId) {
        byUser.computeIfPresent(userKey(tenantId, userId), (key, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
    }

    private static String userKey(String tenantId, String userId) {
        return tenantId + "\n" + userId;
    }

    /**
     * Subscribes the session to a thread's stream, from after {@code afterSeq} if given (a second
     * subscribe with one replays again); false when the session is closed or already watches as many
     * threads as it may.
     */
    boolean subscribe(ClientSession session, String threadId, @Nullable Long afterSeq, int maxSubscriptions) {
        return watch(session, threadId, afterSeq != null, maxSubscriptions,
                () -> streams.subscribe(threadId, afterSeq, session.reader()));
    }

    /** For the sender of a message: the thread's stream with the turn answering the message from its start. */
    boolean subscribeForMessage(ClientSession session, String threadId, String messageId, int maxSubscriptions) {
        return watch(session, threadId, false, maxSubscriptions,
                () -> streams.subscribeForMessage(threadId, messageId, session.reader()));
    }

    private boolean watch(ClientSession session, String threadId, boolean replace, int maxSubscriptions,
                          Supplier<ThreadSubscription> open) {
        if (!session.open() || !session.watch(threadId, maxSubscriptions, replace, open)) {
            return false;
        }
        if (!session.open()) {
            // Closed while we were subscribing: its close already cleaned up, so undo this one.
            session.unwatch(threadId);
            return false;
        }
        return true;
    }

    void unsubscribe(ClientSession session, String threadId) {
        session.unwatch(threadId);
    }

    void remove(ClientSession session) {
        for (String threadId : session.threads()) {
            session.unwatch(threadId);
        }
        ClientSession.Identity identity = session.identity();
        if (identity != null) {
            forget(session, identity.tenantId(), identity.userId());
        }
    }
}
