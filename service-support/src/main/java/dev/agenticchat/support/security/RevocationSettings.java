package dev.agenticchat.support.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code agentic.revocations.*}: how far back each instance reads the identity topic when it
 * starts, longer than an access token lives, so every token a linking or erasure retired is
 * known to be revoked.
 */
@ConfigurationProperties("agentic.revocations")
public record RevocationSettings(@Bindable(defaultValue = "16m") Duration lookback) {
}
