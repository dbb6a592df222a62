package dev.agenticchat.gateway.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

/**
 * Refuses, everywhere the gateway validates a token itself (its own endpoints and the
 * WebSocket), the tokens of an anonymous session that was linked to a person. The proxy
 * checks the same before forwarding to a service ({@code ProxyFilter}).
 */
@Singleton
class RetiredUserClaimsValidator implements GenericJwtClaimsValidator<HttpRequest<?>> {
    private final RetiredUsers retiredUsers;

    RetiredUserClaimsValidator(RetiredUsers retiredUsers) {
        this.retiredUsers = retiredUsers;
    }

    @Override
    public boolean validate(Claims claims, @Nullable HttpRequest<?> request) {
        Object subject = claims.get(Claims.SUBJECT);
        return subject == null || !retiredUsers.isRetired(subject.toString());
    }
}
