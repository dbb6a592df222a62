package dev.agenticchat.notification.otp;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses to start without a real OTP_PEPPER where it matters: codes hashed, and mail
 * parameters sealed, with a known or empty key would protect nothing.
 */
@Context
class OtpPepperGuard {
    static final Set<String> DEPLOYED_ENVIRONMENTS = Set.of("prod", "k8s", "cloud");

    OtpPepperGuard(OtpSettings settings, Environment environment) {
        boolean deployed = environment.getActiveNames().stream().anyMatch(DEPLOYED_ENVIRONMENTS::contains);
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
