package dev.agenticchat.support.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.ApplicationContext;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Spans leave the process only when an OTLP endpoint is configured: an OTLP/HTTP receiver on
 * loopback sees the export when it is, and no request (and no export thread exists) when tracing is off.
 * A collector that does not answer is a warning in the service's log (java.util.logging is routed to SLF4J).
 */
class OtlpExportIT {
    private HttpServer receiver;
    private final List<String> posts = new CopyOnWriteArrayList<>();
    private final Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            posts.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private String endpoint() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort();
    }

    @Test
    void an_endpoint_alone_turns_the_otlp_exporter_on() {
        try (ApplicationContext context = start(Map.of("otel.exporter.otlp.endpoint", endpoint()))) {
            traceOneSpan(context);
            assertThat(posts).containsExactly("POST /v1/traces");
            assertThat(exportThreads()).isNotEmpty();
        }
    }

    @Test
    void with_no_tracing_configuration_nothing_is_exported_and_no_export_thread_runs() {
        try (ApplicationContext context = start(Map.of())) {
            traceOneSpan(context);
            assertThat(exportThreads()).isEmpty();
        }
    }

    @Test
    void an_explicit_none_keeps_tracing_off_even_with_an_endpoint() {
        try (ApplicationContext context = start(Map.of("otel.exporter.otlp.endpoint", endpoint(), "otel.traces.exporter", "none"))) {
            traceOneSpan(context);
            assertThat(posts).isEmpty();
            assertThat(exportThreads()).isEmpty();
        }
    }

    @Test
    void the_sdk_reports_a_collector_that_does_not_answer_in_the_service_log_not_on_stderr() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger openTelemetry = (Logger) LoggerFactory.getLogger("io.opentelemetry");
        openTelemetry.addAppender(log);
        try (ApplicationContext context = start(Map.of("otel.exporter.otlp.endpoint", endpoint()))) {
            receiver.stop(0);
            try (TracedScope scope = context.getBean(Tracing.class).enter("work")) {
                assertThat(scope.span().getSpanContext().isValid()).isTrue();
            }
            OpenTelemetrySdk sdk = (OpenTelemetrySdk) context.getBean(OpenTelemetry.class);
            sdk.getSdkTracerProvider().forceFlush();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(List.copyOf(log.list))
                    .anySatisfy(event -> assertThat(event.getFormattedMessage()).contains("Failed to export spans")));
        } finally {
            openTelemetry.detachAppender(log);
        }
    }

    private static ApplicationContext start(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("outbox.relay.enabled", "false");
        return ApplicationContext.builder().environments("test").properties(all).start();
    }

    /** Records a span and flushes the SDK synchronously: whatever it would export has been sent on return. */
    private static void traceOneSpan(ApplicationContext context) {
        try (TracedScope scope = context.getBean(Tracing.class).enter("work")) {
            assertThat(scope.span().getSpanContext().isValid()).isTrue();
        }
        OpenTelemetrySdk sdk = (OpenTelemetrySdk) context.getBean(OpenTelemetry.class);
        assertThat(sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    }

    /** Export threads this test's context started. */
    private List<String> exportThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !threadsBefore.contains(t)).map(Thread::getName)
                .filter(name -> name.startsWith("BatchSpanProcessor") || name.contains("OkHttp")).toList();
    }
}
