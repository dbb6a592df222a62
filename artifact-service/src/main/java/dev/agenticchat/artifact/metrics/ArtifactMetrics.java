package dev.agenticchat.artifact.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;

/**
 * Artifacts created, and new artifacts or versions refused because their content breaks their
 * type's schema or rules (the 422 a model reads and corrects), by artifact type: the types are the
 * registry's, a fixed set. Not {@code artifacts_created}: Prometheus reserves the {@code _created} suffix.
 */
@Context
public class ArtifactMetrics {
    private final MeterRegistry registry;

    ArtifactMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void created(String type) {
        Counter.builder("agentic.artifact.creations")
                .description("Artifacts created (version 1 stored and announced)")
                .tag("type", type)
                .register(registry)
                .increment();
    }

    /** {@code action}: {@code created} for a new artifact, {@code updated} for a new version. */
    public void rejected(String type, String action) {
        Counter.builder("agentic.artifact.rejections")
                .description("New artifacts and versions refused because their content is invalid for their type")
                .tag("type", type)
                .tag("action", action)
                .register(registry)
                .increment();
    }
}
