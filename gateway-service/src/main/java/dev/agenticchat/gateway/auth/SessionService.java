package dev.agenticchat.gateway.auth;

import dev.agenticchat.gateway.tenant.Tenant;
import dev.agenticchat.gateway.tenant.TenantService;
import dev.agenticchat.gateway.web.ClientAddress;
import dev.agenticchat.support.ratelimit.RateLimit;
import dev.agenticchat.support.ratelimit.RateWindows;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts anonymous sessions and rotates refresh tokens. */
@Singleton
class SessionService {
    private static final Logger LOG = LoggerFactory.getLogger(SessionService.class);

    private final TenantService tenants;
    private final UserRepository users;
    private final RefreshTokenRepository refreshTokens;
    private final AccessTokens accessTokens;
    private final Duration refreshTokenTtl;
    private final Duration sessionMaxAge;
    private final RateWindows rateWindows;
    private final RateLimit sessionsPerIp;

    SessionService(TenantService tenants, UserRepository users, RefreshTokenRepository refreshTokens,
                   AccessTokens accessTokens, AuthSettings settings, RateWindows rateWindows) {
        this.rateWindows = rateWindows;
        this.sessionsPerIp = new RateLimit("anonymous_sessions_per_ip_per_hour", settings.anonymousSessionsPerIpPerHour(),
                Duration.ofHours(1));
        this.tenants = tenants;
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.refreshTokenTtl = settings.refreshTokenTtl();
        this.sessionMaxAge = settings.sessionMaxAge();
    }

    /** Counted per client address (an IPv6 client per /64) across replicas, before anything is created. */
    @Transactional
    IssuedSession startAnonymous(String tenantSlug, String clientIp) {
        rateWindows.hit("ip:" + ClientAddress.limitKey(clientIp), sessionsPerIp,
                "at most " + sessionsPerIp.max() + " new sessions per hour from one address; keep using the session you have");
        Tenant tenant = tenants.requireActive(tenantSlug);
        User user = users.save(User.anonymous(tenant.id(), Instant.now()));
        return issue(user);
    }

    /**
     * A new pair for a usable refresh token, which is revoked; empty if it is unknown, expired or
     * already used, or its sign-in is older than the maximum session age. A token already used is
     * presented by a second holder (a thief, or the victim after the thief): its whole family is
     * revoked, so neither can go on.
     */
    @Transactional
    Optional<IssuedSession> refresh(String refreshToken) {
        Instant now = Instant.now();
        Optional<RefreshToken> found = refreshTokens.findByTokenHashForUpdate(RefreshTokenValues.hash(refreshToken));
        if (found.isPresent() && found.get().revokedAt() != null) {
            int revoked = refreshTokens.revokeFamily(found.get().familyId(), now);
            if (revoked > 0) {
                LOG.warn("A rotated refresh token of user {} was presented again: its session is revoked", found.get().userId());
            }
            return Optional.empty();
        }
        Optional<RefreshToken> presented = found.filter(token -> token.usableAt(now))
                .filter(token -> token.familyStartedAt().plus(sessionMaxAge).isAfter(now));
        if (presented.isEmpty()) {
            return Optional.empty();
        }
        Optional<User> user = users.findById(presented.get().userId());
        if (user.isEmpty() || user.get().retired()) {
            return Optional.empty();
        }
        tenants.find(user.get().tenantId()).ifPresent(TenantService::requireActive);
        refreshTokens.revoke(presented.get().id(), now);
        return Optional.of(issue(user.get(), presented.get().familyId(), presented.get().familyStartedAt()));
    }

    /** A new sign-in: a new family of refresh tokens. */
    IssuedSession issue(User user) {
        Instant now = Instant.now();
        return issue(user, UUID.randomUUID(), now);
    }

    /** Never valid past the family's maximum age. */
    private IssuedSession issue(User user, UUID familyId, Instant familyStartedAt) {
        String refreshToken = RefreshTokenValues.newToken();
        Instant now = Instant.now();
        Instant expiresAt = now.plus(refreshTokenTtl);
        Instant endOfSession = familyStartedAt.plus(sessionMaxAge);
        refreshTokens.save(new RefreshToken(UUID.randomUUID(), user.id(), RefreshTokenValues.hash(refreshToken),
                expiresAt.isBefore(endOfSession) ? expiresAt : endOfSession, null, now, familyId, familyStartedAt));
        // Sessions linked into a person within a token's lifetime: their data may still be on its way to the person.
        List<UUID> merged = user.anonymous() ? List.of()
                : users.mergedIntoSince(user.id(), now.minus(accessTokens.ttl()).minusSeconds(60));
        return new IssuedSession(accessTokens.issue(user.id(), user.tenantId(), roles(user), merged), accessTokens.ttl(),
                refreshToken, user.id(), user.tenantId());
    }

    /** A person the operator made admin of this tenant (by email) gets the role from their next token on. */
    private List<String> roles(User user) {
        if (user.anonymous()) {
            return AccessTokens.VISITOR_ROLES;
        }
        return tenants.isAdmin(user.tenantId(), user.email()) ? AccessTokens.TENANT_ADMIN_ROLES : AccessTokens.PERSON_ROLES;
    }
}
