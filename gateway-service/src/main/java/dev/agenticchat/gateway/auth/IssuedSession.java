package dev.agenticchat.gateway.auth;

import java.time.Duration;
import java.util.UUID;

/** A fresh access and refresh token pair for one user. */
record IssuedSession(String accessToken, Duration accessTokenTtl, String refreshToken, UUID userId, UUID tenantId) {
}
