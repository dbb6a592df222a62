package dev.agenticchat.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The gateway's HTTP API as a client uses it, and the simulator's admin API. */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();

    record Session(String accessToken, String userId) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String gateway;
    private final String simulator;

    Api(String gateway, String simulator) {
        this.gateway = gateway;
        this.simulator = simulator;
    }

    Session anonymousSession() {
        JsonNode body = call("POST", gateway + "/api/auth/anonymous", null, Map.of(), 201, 200);
        return new Session(body.path("access_token").asText(), body.path("user_id").asText());
    }

    /** Every item of a keyset-paged list ({@code items}, {@code next_cursor}). */
    List<JsonNode> all(String path, String token) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            String sep = path.contains("?") ? "&" : "?";
            String url = gateway + path + sep + "limit=200" + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode page = call("GET", url, token, null, 200);
            page.path("items").forEach(items::add);
            cursor = page.path("next_cursor").isTextual() ? page.path("next_cursor").asText() : null;
        } while (cursor != null);
        return items;
    }

    JsonNode get(String path, String token) {
        return call("GET", gateway + path, token, null, 200);
    }

    /** POST /_sim/config: the fields given change, the others keep their values. */
    void configureSimulator(Map<String, ?> settings) {
        call("POST", simulator + "/_sim/config", null, settings, 200);
    }

    /**
     * One call, retried for up to 60 s while the answer is not the expected one (a service
     * still starting, a 503 while a dependency recovers): the verification must not depend on luck.
     */
    private JsonNode call(String method, String url, String token, Map<String, ?> body, int... expected) {
        Instant deadline = Instant.now().plusSeconds(60);
        String last = "";
        while (true) {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15));
                if (body != null) {
                    request.header("Content-Type", "application/json")
                            .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
                } else {
                    request.method(method, HttpRequest.BodyPublishers.noBody());
                }
                if (token != null) {
                    request.header("Authorization", "Bearer " + token);
                }
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                for (int status : expected) {
                    if (response.statusCode() == status) {
                        return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
                    }
                }
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() < 500 && response.statusCode() != 429) {
                    throw new IllegalStateException(method + " " + url + " answered " + last);
                }
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(method + " " + url + " failed for 60 s; last: " + last);
            }
            Progress.pause(Duration.ofMillis(500));
        }
    }
}
