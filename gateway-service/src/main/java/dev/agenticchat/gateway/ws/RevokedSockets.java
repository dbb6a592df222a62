package dev.agenticchat.gateway.ws;

import dev.agenticchat.support.security.RevokedSubjects;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.websocket.CloseReason;
import jakarta.inject.Singleton;

/**
 * Closes the open sockets of a user whose tokens were just revoked (an erased person, a linked
 * session) with 4401: an authenticated socket must not outlive the right to authenticate it.
 */
@Singleton
class RevokedSockets {
    static final CloseReason REVOKED = new CloseReason(4401, "token revoked");

    private final SessionRegistry registry;

    RevokedSockets(SessionRegistry registry) {
        this.registry = registry;
    }

    @EventListener
    void onRevoked(RevokedSubjects.SubjectRevoked revoked) {
        for (ClientSession session : registry.sessionsOf(revoked.tenantId(), revoked.userId())) {
            session.close(REVOKED);
        }
    }
}
