package dev.agenticchat.support.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

/** Every service refuses, at once, the tokens of a linked session or an erased person ({@link RevokedSubjects}). */
@Singleton
class RevokedSubjectsClaimsValidator implements GenericJwtClaimsValidator<HttpRequest<?>> {
    private final RevokedSubjects revoked;

    RevokedSubjectsClaimsValidator(RevokedSubjects revoked) {
        this.revoked = revoked;
    }

    @Override
    public boolean validate(Claims claims, @Nullable HttpRequest<?> request) {
        Object subject = claims.get(Claims.SUBJECT);
        return subject == null || !revoked.isRevoked(subject.toString());
    }
}
