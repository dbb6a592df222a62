package dev.agenticchat.gateway.auth;

import dev.agenticchat.gateway.tenant.Tenant;
import dev.agenticchat.gateway.tenant.Tenants;
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

/** Starts anonymous sessions and rotates refresh tokens. */
@Singleton
class Sessions {
    private final Tenants tenants;
    private final UserRepository users;
    private final RefreshTokenRepository refreshTokens;
    private final AccessTokens accessTokens;
    private final Duration refreshTokenTtl;
    private final RateWindows rateWindows;
    private final RateLimit sessionsPerIp;

    Sessions(Tenants tenants, UserRepository users, RefreshTokenRepository refreshTokens, AccessTokens accessTokens,
             AuthSettings settings, RateWindows rateWindows) {
        this.rateWindows = rateWindows;
        this.sessionsPerIp = new RateLimit("anonymous_sessions_per_ip_per_hour", settings.anonymousSessionsPerIpPerHour(),
                Duration.ofHours(1));
        this.tenants = tenants;
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.refreshTokenTtl = settings.refreshTokenTtl();
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

    /** A new pair for a usable refresh token, which is revoked; empty if it is unknown, expired or already used. */
    @Transactional
    Optional<IssuedSession> refresh(String refreshToken) {
        Instant now = Instant.now();
        Optional<RefreshToken> presented = refreshTokens.findByTokenHashForUpdate(RefreshTokenValues.hash(refreshToken))
                .filter(token -> token.usableAt(now));
        if (presented.isEmpty()) {
            return Optional.empty();
        }
        Optional<User> user = users.findById(presented.get().userId());
        if (user.isEmpty() || user.get().retired()) {
            return Optional.empty();
        }
        tenants.find(user.get().tenantId()).ifPresent(Tenants::requireActive);
        refreshTokens.revoke(presented.get().id(), now);
        return Optional.of(issue(user.get()));
    }

    IssuedSession issue(User user) {
        String refreshToken = RefreshTokenValues.newToken();
        Instant now = Instant.now();
        refreshTokens.save(new RefreshToken(UUID.randomUUID(), user.id(), RefreshTokenValues.hash(refreshToken),
                now.plus(refreshTokenTtl), null, now));
        return new IssuedSession(accessTokens.issue(user.id(), user.tenantId(), roles(user)), accessTokens.ttl(), refreshToken,
                user.id(), user.tenantId());
    }

    /** A person the operator made admin of this tenant (by email) gets the role from their next token on. */
    private List<String> roles(User user) {
        if (user.anonymous()) {
            return AccessTokens.VISITOR_ROLES;
        }
        return tenants.isAdmin(user.tenantId(), user.email()) ? AccessTokens.TENANT_ADMIN_ROLES : AccessTokens.PERSON_ROLES;
    }
}
