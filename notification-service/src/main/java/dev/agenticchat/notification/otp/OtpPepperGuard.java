package dev.agenticchat.notification.otp;

import dev.agenticchat.support.config.DeployedEnvironments;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import java.util.Optional;

/**
 * Refuses to start without a real OTP_PEPPER where it matters: codes hashed, and mail
 * parameters sealed, with a known or empty key would protect nothing.
 */
@Context
class OtpPepperGuard {
    OtpPepperGuard(OtpSettings settings, Environment environment) {
        boolean deployed = DeployedEnvironments.deployed(environment);
        problem(settings.getPepper(), deployed).ifPresent(message -> {
            throw new IllegalStateException(message);
        });
    }

    static Optional<String> problem(String pepper, boolean deployed) {
        if (pepper == null || pepper.isBlank()) {
            return Optional.of("OTP_PEPPER is not set: one-time codes need a secret key (32+ random characters).");
        }
        if (deployed && CodeHasher.LOCAL_PEPPER.equals(pepper)) {
            return Optional.of("OTP_PEPPER is the local development default: set a secret of your own.");
        }
        return Optional.empty();
    }
}
