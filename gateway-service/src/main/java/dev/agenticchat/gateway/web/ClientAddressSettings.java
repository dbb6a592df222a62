package dev.agenticchat.gateway.web;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code gateway.trusted-proxies} (GATEWAY_TRUSTED_PROXIES): which hops of X-Forwarded-For
 * {@link ClientAddress} believes, a count of proxies or their CIDRs; unset, none.
 */
@ConfigurationProperties("gateway")
record ClientAddressSettings(@Nullable String trustedProxies) {
}
