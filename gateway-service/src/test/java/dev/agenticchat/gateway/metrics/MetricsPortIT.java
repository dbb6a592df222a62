package dev.agenticchat.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenticchat.support.testing.Scrape;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The gateway is the one service on the internet: its metrics are on the management port alone,
 * and its public port answers neither the scrape path nor any other management endpoint.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsPortIT implements TestPropertyProvider {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final int managementPort = Scrape.freePort();

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("agentic.metrics.port", String.valueOf(managementPort));
    }

    @Test
    void the_public_port_serves_no_metrics() throws Exception {
        for (String path : List.of("/prometheus", "/metrics", "/prometheus/", "/api/prometheus", "/env", "/beans", "/loggers")) {
            int status = get(server.getPort(), path).statusCode();
            assertThat(status).as(path + " on the public port").isIn(401, 403, 404);
        }
    }

    @Test
    void the_management_port_serves_the_scrape_and_nothing_else() throws Exception {
        Scrape scrape = Scrape.of(managementPort);

        assertThat(scrape.has("jvm_memory_used_bytes", Map.of("service", "gateway-service"))).isTrue();
        assertThat(scrape.names()).contains("process_cpu_usage", "agentic_websocket_sessions");
        // Routes are the scrape alone there: no API (security answers first), no health. The web app's
        // static files, public anyway, are served on every listener.
        assertThat(post(managementPort, "/api/auth/anonymous").statusCode()).isIn(401, 404);
        assertThat(post(server.getPort(), "/api/auth/anonymous").statusCode()).isEqualTo(200);
        assertThat(get(managementPort, "/health").statusCode()).isEqualTo(404);
    }

    @Test
    void health_stays_on_the_public_port_for_the_probes() throws Exception {
        assertThat(get(server.getPort(), "/health/readiness").statusCode()).isEqualTo(200);
        assertThat(get(server.getPort(), "/health/liveness").statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> post(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
