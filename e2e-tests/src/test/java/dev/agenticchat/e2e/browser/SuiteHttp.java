package dev.agenticchat.e2e.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenticchat.e2e.RunningSuite;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The gateway's HTTP API with the browser's own access token, to set up data the way another client would. */
final class SuiteHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Response(int status, JsonNode body) {
    }

    private final String base;

    SuiteHttp(String base) {
        this.base = base;
    }

    Response get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    /** A GET whose answer is not JSON (e.g. a CSV export): its text as the server sent it. */
    String text(String path, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + token).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response post(String path, String token, Map<String, ?> body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return send(request.build());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The operator's call on the admin API ({@code Authorization: Bearer $ADMIN_TOKEN}). */
    Response operator(String path, Map<String, ?> body) {
        return post(path, RunningSuite.ADMIN_TOKEN, body);
    }

    /** A new anonymous session in the tenant with this slug: the token response as the web app stores it. */
    JsonNode anonymousSession(String tenant) {
        Response response = post("/api/auth/anonymous", null, Map.of("tenant", tenant));
        if (response.status() != 200) {
            throw new AssertionError("anonymous session in " + tenant + " failed: " + response);
        }
        return response.body();
    }

    /** The session's next tokens, e.g. to carry roles granted since the last ones. */
    JsonNode refresh(JsonNode session) {
        Response response = post("/api/auth/refresh", null, Map.of("refresh_token", session.path("refresh_token").asText()));
        if (response.status() != 200) {
            throw new AssertionError("refresh failed: " + response);
        }
        return response.body();
    }

    /** Creates an artifact as the user; fails the test with artifact-service's answer if it refuses. */
    JsonNode createArtifact(String token, String type, Map<String, ?> content) {
        Response response = post("/api/artifacts", token, Map.of("type", type, "content", content));
        if (response.status() != 201) {
            throw new AssertionError("artifact-service refused a " + type + " artifact: " + response.status() + " " + response.body());
        }
        return response.body();
    }

    private static Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Response(response.statusCode(), body);
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
