package dev.agenticchat.simulator;

import static dev.agenticchat.simulator.SimulatorHttp.anthropicRequest;
import static dev.agenticchat.simulator.SimulatorHttp.chunks;
import static dev.agenticchat.simulator.SimulatorHttp.events;
import static dev.agenticchat.simulator.SimulatorHttp.request;
import static dev.agenticchat.simulator.SimulatorHttp.streamedContent;
import static dev.agenticchat.simulator.SimulatorHttp.streamedDeltas;
import static dev.agenticchat.simulator.SimulatorHttp.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

    private static final int CONCURRENT_REQUESTS = 50;

    @Test
    void serves_fifty_slow_streams_in_parallel() {
        try (LlmSimulator simulator = LlmSimulator.start("127.0.0.1", 0)) {
            simulator.configure(new SimulatorConfig(1000, 10, 0, 500));
            SimulatorHttp http = new SimulatorHttp(simulator);

            long started = System.nanoTime();
            List<CompletableFuture<HttpResponse<String>>> responses = IntStream.range(0, CONCURRENT_REQUESTS)
                    .mapToObj(i -> http.chatAsync(request(true, user("request " + i))))
                    .toList();
            CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new)).orTimeout(10, TimeUnit.SECONDS).join();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

            // Serial handling would need 50 s; parallel handling needs just over one first-token delay.
            assertThat(elapsed).isLessThan(Duration.ofSeconds(5));
            for (int i = 0; i < CONCURRENT_REQUESTS; i++) {
                HttpResponse<String> response = responses.get(i).join();
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(streamedContent(chunks(response.body()))).isEqualTo("You said: request " + i);
            }
        }
    }

    @Test
    void serves_fifty_slow_anthropic_streams_in_parallel() {
        try (LlmSimulator simulator = LlmSimulator.start("127.0.0.1", 0)) {
            simulator.configure(new SimulatorConfig(1000, 10, 0, 500));
            SimulatorHttp http = new SimulatorHttp(simulator);

            long started = System.nanoTime();
            List<CompletableFuture<HttpResponse<String>>> responses = IntStream.range(0, CONCURRENT_REQUESTS)
                    .mapToObj(i -> http.messagesAsync(anthropicRequest(true, user("request " + i))))
                    .toList();
            CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new)).orTimeout(10, TimeUnit.SECONDS).join();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

            assertThat(elapsed).isLessThan(Duration.ofSeconds(5));
            for (int i = 0; i < CONCURRENT_REQUESTS; i++) {
                HttpResponse<String> response = responses.get(i).join();
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(streamedDeltas(events(response.body()), "text")).isEqualTo("You said: request " + i);
            }
        }
    }
}
