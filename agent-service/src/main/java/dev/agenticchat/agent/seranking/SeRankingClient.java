package dev.agenticchat.agent.seranking;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SE Ranking Data API ({@code Authorization: Token <key>}), asynchronous: no thread
 * waits while a request is queued, in flight or backing off. Every request of this worker
 * takes a token from one bucket of {@code agent.seranking.rate-limit} per second (the API's
 * limit is per key, and every turn shares the key). A request that fails with 429, 5xx, a
 * timeout or a connection error is retried after each configured pause (a Retry-After header
 * of at most the pause is honoured instead); other failures end at once. Failures complete the
 * future with a {@link SeRankingException} whose message is fit for the model. The API key
 * never reaches a log line.
 */
@Singleton
public class SeRankingClient {
    private static final Logger LOG = LoggerFactory.getLogger(SeRankingClient.class);
    private static final int MAX_ERROR_CHARS = 200;

    private final SeRankingSettings settings;
    private final JsonMapper json;
    private final TokenBucket bucket;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    SeRankingClient(SeRankingSettings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
        this.bucket = new TokenBucket(settings.getRateLimit(), System::nanoTime);
    }

    /** {@code GET base-url + path ? query}: the JSON answer, or a SeRankingException. */
    public CompletableFuture<JsonNode> get(String path, Map<String, String> query) {
        String parameters = query.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        URI uri = URI.create(settings.getBaseUrl() + path + (parameters.isEmpty() ? "" : "?" + parameters));
        return attempt(path, uri, 1);
    }

    /** Waits for a call of this client, at most as long as all its attempts and pauses can take. */
    public JsonNode await(CompletableFuture<JsonNode> call) throws InterruptedException {
        Duration pauses = settings.getRetryBackoff().stream().reduce(Duration.ZERO, Duration::plus);
        Duration longest = settings.getTimeout().multipliedBy(settings.getRetryBackoff().size() + 1L)
                .plus(pauses).plusSeconds(5);
        try {
            return call.get(longest.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            call.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SeRankingException failure ? failure
                    : new SeRankingException("The SE Ranking call failed (" + e.getCause() + ").");
        } catch (java.util.concurrent.TimeoutException e) {
            call.cancel(true);
            throw new SeRankingException("SE Ranking did not answer within " + longest.toSeconds() + " seconds.");
        }
    }

    private CompletableFuture<JsonNode> attempt(String path, URI uri, int attempt) {
        long wait = bucket.reserve();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(settings.getTimeout())
                .header("Authorization", "Token " + settings.getApiKey())
                .header("Accept", "application/json")
                .GET()
                .build();
        return CompletableFuture.supplyAsync(() -> request, CompletableFuture.delayedExecutor(wait, TimeUnit.NANOSECONDS))
                .thenCompose(ready -> http.sendAsync(ready, HttpResponse.BodyHandlers.ofString()))
                .handle((response, error) -> outcome(path, uri, attempt, response, error))
                .thenCompose(Function.identity());
    }

    private CompletableFuture<JsonNode> outcome(String path, URI uri, int attempt, HttpResponse<String> response,
                                                Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String failure;
        Duration retryAfter = null;
        if (cause instanceof HttpTimeoutException) {
            failure = "SE Ranking did not answer within " + settings.getTimeout().toSeconds() + " seconds";
        } else if (cause instanceof IOException) {
            failure = "SE Ranking could not be reached (" + cause.getClass().getSimpleName() + ")";
        } else if (cause != null) {
            return CompletableFuture.failedFuture(cause);
        } else if (response.statusCode() == 200) {
            return parsed(response.body());
        } else if (response.statusCode() == 429 || response.statusCode() >= 500) {
            failure = "SE Ranking answered HTTP " + response.statusCode();
            retryAfter = retryAfter(response);
        } else {
            return CompletableFuture.failedFuture(new SeRankingException(refusal(response)));
        }
        List<Duration> backoff = settings.getRetryBackoff();
        if (attempt > backoff.size()) {
            return CompletableFuture.failedFuture(new SeRankingException(failure + (attempt == 1 ? "." : " after "
                    + attempt + " attempts.")));
        }
        Duration pause = retryAfter != null && retryAfter.compareTo(backoff.get(attempt - 1)) <= 0
                ? retryAfter : backoff.get(attempt - 1);
        LOG.warn("SE Ranking {} attempt {} failed ({}); retrying in {} ms", path, attempt, failure, pause.toMillis());
        return CompletableFuture.supplyAsync(() -> uri, CompletableFuture.delayedExecutor(pause.toMillis(), TimeUnit.MILLISECONDS))
                .thenCompose(again -> attempt(path, again, attempt + 1));
    }

    private CompletableFuture<JsonNode> parsed(String body) {
        try {
            JsonNode node = json.readValue(body, JsonNode.class);
            if (node == null) {
                return CompletableFuture.failedFuture(new SeRankingException("SE Ranking answered with an empty body."));
            }
            return CompletableFuture.completedFuture(node);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(new SeRankingException("SE Ranking answered with a body that is not JSON."));
        }
    }

    private String refusal(HttpResponse<String> response) {
        int status = response.statusCode();
        String reason = errorMessage(response.body());
        String detail = reason == null ? "" : ": " + reason;
        return switch (status) {
            case 401 -> "SE Ranking rejected the API key (HTTP 401" + detail + "). Check SERANKING_API_KEY.";
            case 403 -> "SE Ranking refused the request (HTTP 403" + detail
                    + "); the account may be out of credits or its subscription expired.";
            case 400, 422 -> "SE Ranking rejected the request (HTTP " + status + detail + ").";
            case 404 -> "SE Ranking has no data for this request (HTTP 404" + detail + ").";
            default -> "SE Ranking answered HTTP " + status + detail + ".";
        };
    }

    /** SE Ranking reports errors as {"error": ...}, {"error_description": ...} or {"message": ...}. */
    private String errorMessage(String body) {
        try {
            JsonNode node = json.readValue(body == null ? "" : body, JsonNode.class);
            if (node != null && node.isObject()) {
                for (String field : List.of("message", "error_description", "error")) {
                    JsonNode value = node.get(field);
                    if (value != null && value.isString() && !value.getStringValue().isBlank()) {
                        String text = value.getStringValue().strip();
                        return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("SE Ranking error body is not JSON");
        }
        return null;
    }

    private static Duration retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").map(value -> {
            try {
                return Duration.ofSeconds(Long.parseLong(value.strip()));
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(null);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
