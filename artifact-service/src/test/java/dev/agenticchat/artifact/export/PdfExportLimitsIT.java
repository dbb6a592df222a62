package dev.agenticchat.artifact.export;

import static dev.agenticchat.artifact.fixtures.ArtifactSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenticchat.artifact.fixtures.Api;
import dev.agenticchat.artifact.fixtures.ArtifactSamples;
import dev.agenticchat.support.testing.TestJwks;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The limits on PDF exports (issue 11, item 12): a render holds no database connection, only a few
 * run at once, and one that runs too long is abandoned. Renders are held open by {@link HeldPdfRenderer},
 * the real renderer behind a gate each test opens when it has seen what it needs.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PdfExportLimitsIT implements TestPropertyProvider {
    /** Small, so a few renders would drain it if they held connections; the outbox relay keeps one for LISTEN. */
    static final int POOL_SIZE = 3;
    /** Above the pool size, so test (a) runs more renders at once than there are connections. */
    static final int MAX_CONCURRENT = POOL_SIZE + 1;
    /** Long enough for the held renders of the other tests to be released well before it. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final Duration SLACK = Duration.ofSeconds(3);

    private final TestJwks jwks = TestJwks.start();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Api api;

    @Inject
    EmbeddedServer server;

    @Inject
    HeldPdfRenderer renderer;

    /** Micronaut's client for the fixtures; the concurrent exports go through java.net.http, whose futures need no glue. */
    @Inject
    @Client("/")
    io.micronaut.http.client.HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl(),
                "datasources.default.maximum-pool-size", String.valueOf(POOL_SIZE),
                "artifact.pdf.max-concurrent", String.valueOf(MAX_CONCURRENT),
                "artifact.pdf.timeout", TIMEOUT.toMillis() + "ms");
    }

    @BeforeAll
    void start() {
        api = new Api(http);
        // The first render loads fonts and classes; done here, the held renders after a release finish
        // in well under the time limit.
        String token = jwks.token("tenant-" + UUID.randomUUID(), "alice");
        assertThat(send(exportRequest(api.createId(token, "chart", sample("chart")), "pdf", token)).statusCode()).isEqualTo(200);
    }

    @AfterEach
    void openTheGate() {
        renderer.release();
    }

    @AfterAll
    void stop() {
        jwks.close();
    }

    @Test
    void pdf_renders_hold_no_database_connection_so_more_of_them_than_the_pool_leave_reads_answering() {
        String token = jwks.token("tenant-" + UUID.randomUUID(), "alice");
        String id = api.createId(token, "chart", sample("chart"));
        renderer.hold();

        List<CompletableFuture<HttpResponse<byte[]>>> exports = startExports(id, token, MAX_CONCURRENT);
        // More renders at once than the pool has connections: possible only if none of them holds one.
        await("more renders at once than the pool has connections").atMost(Duration.ofSeconds(4))
                .until(() -> renderer.held() == MAX_CONCURRENT);
        HttpResponse<byte[]> read = send(HttpRequest.newBuilder(uri("/api/artifacts/" + id))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(2)).build());
        assertThat(read.statusCode()).isEqualTo(200);
        renderer.release();

        exports.forEach(export -> {
            HttpResponse<byte[]> pdf = export.join();
            assertThat(pdf.statusCode()).isEqualTo(200);
            assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        });
    }

    @Test
    void an_export_beyond_the_concurrency_limit_is_refused_at_once_with_503_and_retry_after() throws IOException {
        String token = jwks.token("tenant-" + UUID.randomUUID(), "alice");
        String id = api.createId(token, "chart", sample("chart"));
        renderer.hold();

        List<CompletableFuture<HttpResponse<byte[]>>> exports = startExports(id, token, MAX_CONCURRENT);
        await("every slot taken").atMost(Duration.ofSeconds(4)).until(() -> renderer.held() == MAX_CONCURRENT);
        HttpResponse<byte[]> refused = send(exportRequest(id, "pdf", token));
        // The other formats are cheap and not limited.
        HttpResponse<byte[]> json = send(exportRequest(id, "json", token));
        renderer.release();

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("2");
        JsonNode problem = problem(refused);
        assertThat(problem.path("type").asText()).endsWith("/pdf-busy");
        assertThat(problem.path("detail").asText()).isEqualTo("every PDF renderer is busy; try again in 2 s");
        assertThat(json.statusCode()).isEqualTo(200);
        exports.forEach(export -> assertThat(export.join().statusCode()).isEqualTo(200));
        assertThat(send(exportRequest(id, "pdf", token)).statusCode()).as("the slots are free again").isEqualTo(200);
    }

    @Test
    void renders_past_the_time_limit_are_abandoned_with_a_422_soon_after_it_and_give_their_slots_back() throws Exception {
        String token = jwks.token("tenant-" + UUID.randomUUID(), "alice");
        String id = api.createId(token, "chart", sample("chart"));
        renderer.hold();

        long started = System.nanoTime();
        List<CompletableFuture<HttpResponse<byte[]>>> exports = startExports(id, token, MAX_CONCURRENT);
        for (CompletableFuture<HttpResponse<byte[]>> export : exports) {
            HttpResponse<byte[]> slow = export.get(TIMEOUT.plus(SLACK).toMillis(), TimeUnit.MILLISECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(TIMEOUT);
            assertThat(slow.statusCode()).isEqualTo(422);
            JsonNode problem = problem(slow);
            assertThat(problem.path("type").asText()).endsWith("/pdf-too-slow");
            assertThat(problem.path("detail").asText()).startsWith("the PDF took longer than 5 s to render");
        }
        // The interrupt ends each held render (it waits interruptibly), and every slot comes back with it:
        // had one been lost, this export, with the gate still closed, would be refused as busy.
        await("the abandoned renders stopped").atMost(Duration.ofSeconds(2)).until(() -> renderer.held() == 0);
        CompletableFuture<HttpResponse<byte[]>> next = startExports(id, token, 1).get(0);
        await("the next export rendering or answered").atMost(Duration.ofSeconds(2))
                .until(() -> renderer.held() == 1 || next.isDone());
        renderer.release();
        assertThat(next.join().statusCode()).isEqualTo(200);
    }

    private List<CompletableFuture<HttpResponse<byte[]>>> startExports(String id, String token, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> client.sendAsync(exportRequest(id, "pdf", token), HttpResponse.BodyHandlers.ofByteArray()))
                .toList();
    }

    private HttpRequest exportRequest(String id, String format, String token) {
        return HttpRequest.newBuilder(uri("/api/artifacts/" + id + "/export?format=" + format))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(20)).build();
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError(request.uri() + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static JsonNode problem(HttpResponse<byte[]> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        return ArtifactSamples.JSON.readTree(response.body());
    }

    private URI uri(String path) {
        return server.getURI().resolve(path);
    }

    /**
     * The real renderer, behind a gate: while {@link #hold} is in force every render waits before it
     * starts, so a test can keep renders running for as long as it needs. The wait is interruptible,
     * as an abandoned render's thread is interrupted.
     */
    @Singleton
    @Replaces(PdfRenderer.class)
    static class HeldPdfRenderer extends PdfRenderer {
        private volatile CountDownLatch gate = new CountDownLatch(0);
        private final AtomicInteger held = new AtomicInteger();

        void hold() {
            gate = new CountDownLatch(1);
        }

        void release() {
            gate.countDown();
        }

        int held() {
            return held.get();
        }

        @Override
        byte[] render(String xhtml) {
            held.incrementAndGet();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("render abandoned", e);
            } finally {
                held.decrementAndGet();
            }
            return super.render(xhtml);
        }
    }
}
