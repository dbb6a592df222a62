package dev.agenticchat.gateway.admin;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code gateway.admin.*}: the operator's credential for {@code /api/admin/**} (ADMIN_TOKEN);
 * unset or blank, the admin API accepts no one.
 */
@ConfigurationProperties("gateway.admin")
record AdminSettings(@Nullable String token) {
}
