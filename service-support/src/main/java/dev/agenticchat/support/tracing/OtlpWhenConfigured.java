package dev.agenticchat.support.tracing;

import io.micronaut.context.env.Environment;
import io.micronaut.tracing.opentelemetry.OpenTelemetryBuilderCustomizer;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Exports spans over OTLP once an endpoint is set ({@code OTEL_EXPORTER_OTLP_ENDPOINT} or
 * {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}), without also having to name the exporter. Nothing
 * set means no exporter, so no export thread and no network; an explicit
 * {@code OTEL_TRACES_EXPORTER} (including {@code none}) always wins. The protocol defaults to
 * {@code http/protobuf} (port 4318, {@code /v1/traces}), as the OTLP specification recommends.
 */
@Singleton
final class OtlpWhenConfigured implements OpenTelemetryBuilderCustomizer {
    private static final String EXPORTER = "otel.traces.exporter";
    private static final String PROTOCOL = "otel.exporter.otlp.protocol";

    private final boolean exporterNamed;

    OtlpWhenConfigured(Environment environment) {
        // Before the SDK exists: its warnings (a collector that does not answer) go to the service's log, in its format.
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        // The SDK sees "none" both when it is set and when nothing is (Micronaut's default), so ask the configuration.
        this.exporterNamed = environment.containsProperty(EXPORTER) || System.getenv("OTEL_TRACES_EXPORTER") != null;
    }

    @Override
    public void configure(AutoConfiguredOpenTelemetrySdkBuilder builder) {
        builder.addPropertiesCustomizer(config -> {
            boolean endpointSet = !config.getString("otel.exporter.otlp.endpoint", "").isBlank()
                    || !config.getString("otel.exporter.otlp.traces.endpoint", "").isBlank();
            Map<String, String> defaults = new HashMap<>();
            if (endpointSet && !exporterNamed) {
                defaults.put(EXPORTER, "otlp");
            }
            if (config.getString(PROTOCOL) == null) {
                defaults.put(PROTOCOL, "http/protobuf");
            }
            return defaults;
        });
    }
}
