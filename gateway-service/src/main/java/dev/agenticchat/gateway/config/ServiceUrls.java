package dev.agenticchat.gateway.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.net.URI;

/** Base URLs of the services behind the gateway ({@code CHAT_SERVICE_URL}, ...). */
@ConfigurationProperties("gateway.services")
public record ServiceUrls(URI chat, URI artifact, URI retrieval, URI notification, URI agent) {
}
