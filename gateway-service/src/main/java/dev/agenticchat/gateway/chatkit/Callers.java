package dev.agenticchat.gateway.chatkit;

import dev.agenticchat.gateway.auth.AccessTokenVerifier;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** Who sent a ChatKit request: the bearer token's user only (never a cookie, never a token in the URL). */
@Singleton
class Callers {
    private final AccessTokenVerifier tokens;

    Callers(AccessTokenVerifier tokens) {
        this.tokens = tokens;
    }

    record Caller(String token, AccessTokenVerifier.Verified identity) {
    }

    /** The caller, or a 401 {@link Refusal}. */
    Caller of(HttpRequest<?> request) {
        String token = bearer(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
        AccessTokenVerifier.Verified identity = token == null ? null : tokens.verify(token, request).orElse(null);
        if (identity == null) {
            throw new Refusal(HttpStatus.UNAUTHORIZED, token == null ? "send the access token as Authorization: Bearer"
                    : "the token is invalid or expired", false, null);
        }
        return new Caller(token, identity);
    }

    @Nullable
    private static String bearer(@Nullable String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip() : null;
    }
}
