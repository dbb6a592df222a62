package dev.agenticchat.artifact.metrics;

import static dev.agenticchat.artifact.fixtures.ArtifactSamples.asMap;
import static dev.agenticchat.artifact.fixtures.ArtifactSamples.chart;
import static dev.agenticchat.artifact.fixtures.ArtifactSamples.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.artifact.fixtures.Api;
import dev.agenticchat.support.testing.Scrape;
import dev.agenticchat.support.testing.TestJwks;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Created and rejected artifacts as the scrape shows them, by type; the outbox gauges drain back to nothing. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArtifactMetricsIT implements TestPropertyProvider {
    private final int managementPort = Scrape.freePort();
    private final TestJwks jwks = TestJwks.start();

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl(),
                "agentic.metrics.port", String.valueOf(managementPort));
    }

    @AfterAll
    void stop() {
        jwks.close();
    }

    @Test
    void a_rejected_chart_counts_as_rejected_chart_and_a_created_one_as_created() {
        Api api = new Api(http);
        String token = jwks.token("tenant-" + UUID.randomUUID(), "alice");
        Map<String, String> chart = Map.of("type", "chart");
        Scrape before = Scrape.of(managementPort);

        api.fails(HttpRequest.POST("/api/artifacts", Map.of("type", "chart",
                "content", asMap(with(chart(), "/datasets/0/data", List.of(120, 150, 180))))).bearerAuth(token), 422);
        Scrape afterRejection = Scrape.of(managementPort);
        api.create(token, "chart", chart(), UUID.randomUUID().toString());
        Scrape afterCreation = Scrape.of(managementPort);

        assertThat(moved(before, afterRejection, "agentic_artifact_rejections_total", Map.of("type", "chart", "action", "created")))
                .isEqualTo(1);
        assertThat(moved(before, afterRejection, "agentic_artifact_creations_total", chart)).isZero();
        assertThat(moved(afterRejection, afterCreation, "agentic_artifact_creations_total", chart)).isEqualTo(1);
        assertThat(moved(afterRejection, afterCreation, "agentic_artifact_rejections_total", chart)).isZero();
        assertThat(afterCreation.has("agentic_outbox_backlog_rows", Map.of("service", "artifact-service"))).isTrue();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1100)).untilAsserted(() -> {
            Scrape now = Scrape.of(managementPort);
            assertThat(now.value("agentic_outbox_backlog_rows")).as("the relay took the ArtifactCreated row").isZero();
            assertThat(now.value("agentic_outbox_relay_lag_seconds")).isZero();
        });
    }

    private static double moved(Scrape before, Scrape after, String name, Map<String, String> labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
