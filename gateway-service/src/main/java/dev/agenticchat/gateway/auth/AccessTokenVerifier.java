package dev.agenticchat.gateway.auth;

import com.nimbusds.jwt.JWT;
import dev.agenticchat.support.security.Caller;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.JsonWebTokenValidator;
import io.micronaut.security.token.jwt.validator.JwtAuthenticationFactory;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Checks an access token that did not come through the HTTP security filter (a WebSocket's
 * {@code auth} frame, a stream's cookie) exactly as that filter would: signature, expiry, issuer,
 * then the {@code tenant} claim.
 */
@Singleton
public class AccessTokenVerifier {
    private final JsonWebTokenValidator<JWT, HttpRequest<?>> validator;
    private final JwtAuthenticationFactory authentications;

    AccessTokenVerifier(JsonWebTokenValidator<JWT, HttpRequest<?>> validator, JwtAuthenticationFactory authentications) {
        this.validator = validator;
        this.authentications = authentications;
    }

    /** Who a valid token speaks for, and until when. */
    public record Verified(String tenantId, String userId, List<String> mergedUserIds, Instant expiresAt) {
        /** Its own events and those of sessions just linked into it. */
        public boolean receives(String eventTenantId, String eventUserId) {
            return tenantId.equals(eventTenantId) && (userId.equals(eventUserId) || mergedUserIds.contains(eventUserId));
        }
    }

    public Optional<Verified> verify(String token, HttpRequest<?> request) {
        Optional<JWT> jwt = validator.validate(token, request);
        Optional<Authentication> authentication = jwt.flatMap(authentications::createAuthentication);
        if (jwt.isEmpty() || authentication.isEmpty()) {
            return Optional.empty();
        }
        try {
            Caller caller = Caller.of(authentication.get());
            Date expiresAt = jwt.get().getJWTClaimsSet().getExpirationTime();
            if (expiresAt == null) {
                return Optional.empty();
            }
            return Optional.of(new Verified(caller.tenantId(), caller.userId(), caller.mergedUserIds(), expiresAt.toInstant()));
        } catch (HttpStatusException | ParseException e) {
            return Optional.empty();
        }
    }
}
