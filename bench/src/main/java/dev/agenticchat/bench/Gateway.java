package dev.agenticchat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The gateway's HTTP API as the web app uses it; one client (a few threads) for every user and socket. */
final class Gateway {

    /** Records become snake_case JSON, as the API and results.json speak. */
    static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE);

    final String baseUrl;
    final HttpClient http;
    private final ExecutorService executor;

    Gateway(String baseUrl, int threads) {
        this.baseUrl = baseUrl;
        this.executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "bench-io");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(10)).build();
    }

    URI webSocketUri() {
        return URI.create(baseUrl.replaceFirst("^http", "ws") + "/ws");
    }

    /** A new anonymous session's access token. */
    CompletableFuture<String> anonymousSession() {
        return post("/api/auth/anonymous", null, "{}").thenApply(json -> json.path("access_token").asText());
    }

    CompletableFuture<JsonNode> post(String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    CompletableFuture<JsonNode> get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).GET().build());
    }

    CompletableFuture<JsonNode> send(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            try {
                return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            } catch (IOException e) {
                throw new IllegalStateException("not JSON from " + request.uri() + ": " + response.body(), e);
            }
        });
    }

    void close() {
        executor.shutdownNow();
    }
}
