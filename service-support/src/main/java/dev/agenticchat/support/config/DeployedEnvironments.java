package dev.agenticchat.support.config;

import io.micronaut.context.env.Environment;
import java.util.Set;

/**
 * Whether a service runs deployed (Micronaut environment {@code prod}, or {@code k8s} / {@code
 * cloud}, which Micronaut detects on its own) rather than on a developer's machine, where the
 * development defaults of secrets are allowed.
 */
public final class DeployedEnvironments {
    public static final Set<String> NAMES = Set.of("prod", "k8s", "cloud");

    private DeployedEnvironments() {
    }

    public static boolean deployed(Environment environment) {
        return environment.getActiveNames().stream().anyMatch(NAMES::contains);
    }
}
