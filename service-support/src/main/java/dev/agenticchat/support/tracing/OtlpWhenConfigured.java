package dev.agenticchat.support.tracing;

import io.micronaut.tracing.opentelemetry.OpenTelemetryBuilderCustomizer;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Exports spans over OTLP once an endpoint is set ({@code OTEL_EXPORTER_OTLP_ENDPOINT} or
 * {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}), without also having to name the exporter. Nothing
 * set means no exporter, so no export thread and no network; an explicit
 * {@code OTEL_TRACES_EXPORTER} (including {@code none}) always wins.
 */
@Singleton
final class OtlpWhenConfigured implements OpenTelemetryBuilderCustomizer {
    private static final String EXPORTER = "otel.traces.exporter";

    @Override
    public void configure(AutoConfiguredOpenTelemetrySdkBuilder builder) {
        builder.addPropertiesCustomizer(config -> {
            boolean endpointSet = !config.getString("otel.exporter.otlp.endpoint", "").isBlank()
                    || !config.getString("otel.exporter.otlp.traces.endpoint", "").isBlank();
            boolean exporterNamed = System.getenv("OTEL_TRACES_EXPORTER") != null || System.getProperty(EXPORTER) != null
                    || !"none".equals(config.getString(EXPORTER, "none"));
            return endpointSet && !exporterNamed ? Map.of(EXPORTER, "otlp") : Map.of();
        });
    }
}
