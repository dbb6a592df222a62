package dev.agenticchat.gateway.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * {@code gateway.auth.*}: token lifetimes, where the signing key lives, and how many anonymous
 * sessions one client address may start per hour (0: no limit).
 */
@ConfigurationProperties("gateway.auth")
record AuthSettings(String issuer, Duration accessTokenTtl, Duration refreshTokenTtl, @Nullable String signingKeyFile,
                    int anonymousSessionsPerIpPerHour) {
}
