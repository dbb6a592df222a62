package dev.agenticchat.notification.email;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * The secret {@link ParamSealer} derives its key from: {@code notification.otp.pepper}
 * ({@code OTP_PEPPER}), the one the codes are hashed with, so a single secret protects both.
 */
@ConfigurationProperties("notification.otp")
record SealerSettings(String pepper) {
}
