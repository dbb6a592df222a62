package dev.agenticchat.notification.email;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/** {@code notification.admin-token} ({@code ADMIN_TOKEN}): the operators' token besides the service credential; unset = off. */
@ConfigurationProperties("notification")
record AdminAccessSettings(@Nullable String adminToken) {
}
