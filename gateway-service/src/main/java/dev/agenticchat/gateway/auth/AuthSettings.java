package dev.agenticchat.gateway.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * {@code gateway.auth.*}: token lifetimes, how long one sign-in may be refreshed
 * ({@code sessionMaxAge}), where the signing key lives, and how many anonymous sessions one client
 * address may start per hour (0: no limit).
 */
@ConfigurationProperties("gateway.auth")
record AuthSettings(String issuer, Duration accessTokenTtl, Duration refreshTokenTtl, Duration sessionMaxAge,
                    @Nullable String signingKeyFile, int anonymousSessionsPerIpPerHour) {
}
