package dev.agenticchat.gateway.openai;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * {@code gateway.openai}: {@code public-url} is where clients reach the gateway, for the artifact
 * links in answers ({@code GATEWAY_PUBLIC_URL}; unset: the request's own {@code Host}), and
 * {@code turn-timeout} how long a completion waits for its turn ({@code GATEWAY_OPENAI_TURN_TIMEOUT};
 * a turn itself ends within agent-service's 5 minutes).
 */
@ConfigurationProperties("gateway.openai")
record OpenAiSettings(@Nullable String publicUrl, Duration turnTimeout) {
}
