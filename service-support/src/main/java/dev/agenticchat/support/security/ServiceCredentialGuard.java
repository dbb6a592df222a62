package dev.agenticchat.support.security;

import dev.agenticchat.support.config.DeployedEnvironments;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * A deployed service refuses to start with no service credential or with the development
 * default: with a credential everyone can read in this repository, anyone who reaches a service
 * could act as any user. On a developer's machine the default only earns a warning.
 */
@Context
class ServiceCredentialGuard {
    ServiceCredentialGuard(ServiceCredentials credentials, Environment environment) {
        check(credentials.getToken(), DeployedEnvironments.deployed(environment));
    }

    /** Throws when deployed with no credential or the default; warns on a developer's machine. */
    static void check(String token, boolean deployed) {
        problem(token, deployed).ifPresent(message -> {
            if (deployed) {
                throw new IllegalStateException(message);
            }
            LoggerFactory.getLogger(ServiceCredentialGuard.class).warn("{} Fine on one machine; never expose it.", message);
        });
    }

    static Optional<String> problem(String token, boolean deployed) {
        if (token == null || token.isBlank()) {
            return Optional.of("INTERNAL_SERVICE_TOKEN is not set: services cannot call each other on a user's behalf.");
        }
        if (ServiceCredentials.LOCAL_DEFAULT.equals(token)) {
            return Optional.of("INTERNAL_SERVICE_TOKEN is the local development default (environments "
                    + DeployedEnvironments.NAMES + " require a secret of your own).");
        }
        return Optional.empty();
    }
}
