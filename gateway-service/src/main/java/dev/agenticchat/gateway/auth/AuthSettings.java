package dev.agenticchat.gateway.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/** {@code gateway.auth.*}: token lifetimes and where the signing key lives. */
@ConfigurationProperties("gateway.auth")
record AuthSettings(String issuer, Duration accessTokenTtl, Duration refreshTokenTtl, @Nullable String signingKeyFile) {
}
