package dev.agenticchat.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.ApplicationContext;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Access tokens minted by the running gateway's own AccessTokens and signing key, with a lifetime the test chooses. */
public final class ShortLivedTokens {
    private ShortLivedTokens() {
    }

    /** A token and the moment it expires (its {@code exp}, whole seconds). */
    public record Token(String value, Instant expiresAt) {
    }

    public static Token issue(ApplicationContext gateway, String userId, String tenantId, Duration ttl) {
        return issue(gateway, userId, tenantId, ttl, List.of());
    }

    /** A person's token right after a link: {@code merged} are the sessions just linked into them. */
    public static Token linkedPerson(ApplicationContext gateway, String personId, String tenantId, List<UUID> merged) {
        return issue(gateway, personId, tenantId, Duration.ofMinutes(15), merged);
    }

    /** A tenant admin's token (the user need not exist: services decide from the token alone). */
    public static String tenantAdmin(ApplicationContext gateway, String userId, String tenantId) {
        return gateway.getBean(AccessTokens.class).issue(UUID.fromString(userId), UUID.fromString(tenantId),
                AccessTokens.TENANT_ADMIN_ROLES);
    }

    private static Token issue(ApplicationContext gateway, String userId, String tenantId, Duration ttl, List<UUID> merged) {
        AuthSettings settings = gateway.getBean(AuthSettings.class);
        try {
            AccessTokens tokens = new AccessTokens(gateway.getBean(SigningKeys.class),
                    new AuthSettings(settings.issuer(), ttl, settings.refreshTokenTtl(), settings.sessionMaxAge(), settings.signingKeyFile(),
                            settings.anonymousSessionsPerIpPerHour()));
            String token = tokens.issue(UUID.fromString(userId), UUID.fromString(tenantId),
                    merged.isEmpty() ? AccessTokens.VISITOR_ROLES : AccessTokens.PERSON_ROLES, merged);
            return new Token(token, SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime().toInstant());
        } catch (JOSEException | ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
