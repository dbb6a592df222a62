package dev.agenticchat.support.identity;

import dev.agenticchat.contracts.Topics;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code agentic.identity.*}: the topic identity events are read from and erasures confirmed on
 * ({@code identity.events.v1} unless a test points the service at a private one, where it then
 * also finds the confirmations), and the consumer group, {@code <application name>-identity}
 * unless set.
 */
@ConfigurationProperties("agentic.identity")
public record IdentitySettings(@Nullable String group, @Bindable(defaultValue = Topics.IDENTITY_EVENTS) String topic) {
}
