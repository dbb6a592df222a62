package dev.agenticchat.gateway.auth;

import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.UserLinked;
import dev.agenticchat.gateway.tenant.TenantService;
import dev.agenticchat.support.events.EventContext;
import dev.agenticchat.support.outbox.Outbox;
import dev.agenticchat.support.web.ApiProblem;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Turns an anonymous session into the person with a proven email address, in the session's
 * tenant. The anonymous user is always merged into the person (who is created on the first
 * link), so every link is the same story: UserLinked moves the session's data in every
 * service, the anonymous user's refresh tokens are revoked and its access tokens refused at
 * the gateway, and the answer carries the person's new tokens. A second browser linking the
 * same email merges into the same person and so sees the same threads.
 */
@Singleton
class SessionLinkingService {
    private final UserRepository users;
    private final RefreshTokenRepository refreshTokens;
    private final SessionService sessions;
    private final TenantService tenants;
    private final Outbox outbox;
    private final RetiredUsers retiredUsers;

    SessionLinkingService(UserRepository users, RefreshTokenRepository refreshTokens, SessionService sessions,
                          TenantService tenants, Outbox outbox, RetiredUsers retiredUsers) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.sessions = sessions;
        this.tenants = tenants;
        this.outbox = outbox;
        this.retiredUsers = retiredUsers;
    }

    @Transactional
    IssuedSession link(UUID anonymousId, UUID tenantId, String email) {
        tenants.find(tenantId).ifPresent(TenantService::requireActive);
        User session = users.findByIdForUpdate(anonymousId).filter(u -> u.tenantId().equals(tenantId))
                .orElseThrow(() -> new ApiProblem(HttpStatus.UNAUTHORIZED, "Unknown session",
                        "the session no longer exists; start a new one", List.of()));
        if (session.retired()) {
            throw new ApiProblem(HttpStatus.UNAUTHORIZED, "Session linked",
                    "this session was already linked; use the tokens the link returned", List.of());
        }
        if (!session.anonymous()) {
            if (email.equals(session.email())) {
                return sessions.issue(session);
            }
            throw new ApiProblem(HttpStatus.CONFLICT, "Already linked",
                    "this session belongs to another email address", List.of());
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        User person = users.findPersonForUpdate(tenantId, email)
                .orElseGet(() -> users.save(User.person(tenantId, email, now)));
        users.merge(session.id(), person.id(), now);
        refreshTokens.revokeAllOf(session.id(), now);
        outbox.append(Topics.IDENTITY_EVENTS,
                new UserLinked(tenantId.toString(), session.id().toString(), person.id().toString(), now),
                new EventContext(tenantId.toString(), person.id().toString(), null, person.id().toString()));
        retiredUsers.retiredNow(session.id());
        return sessions.issue(person);
    }
}
