package dev.agenticchat.gateway.chatkit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code gateway.chatkit.*}: {@code app-url} ({@code CHATKIT_APP_URL}) is where the web app lives,
 * for the links to artifacts a ChatKit front end cannot draw (by default {@code GATEWAY_PUBLIC_URL}: the
 * gateway serves the web app); blank: the origin the request came to.
 */
@ConfigurationProperties("gateway.chatkit")
record ChatKitSettings(@Nullable String appUrl) {
}
