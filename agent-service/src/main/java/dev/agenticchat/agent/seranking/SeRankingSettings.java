package dev.agenticchat.agent.seranking;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.List;

/**
 * {@code agent.seranking.*}: the SE Ranking Data API. Without an API key the SEO tools are not
 * offered at all.
 */
@ConfigurationProperties("agent.seranking")
public class SeRankingSettings {
    private String apiKey = "";
    private String baseUrl = "https://api.seranking.com";
    private double rateLimit = 10;
    private Duration timeout = Duration.ofSeconds(20);
    private List<Duration> retryBackoff = List.of(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));

    /** Whether an API key is set, i.e. whether the SEO tools can work. */
    public boolean configured() {
        return apiKey != null && !apiKey.isBlank();
    }

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey == null ? "" : apiKey.strip();
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** Requests per second, shared by every turn of this worker (the API allows 10). */
    public double getRateLimit() {
        return rateLimit;
    }

    public void setRateLimit(double rateLimit) {
        if (rateLimit <= 0) {
            throw new IllegalArgumentException("agent.seranking.rate-limit must be positive");
        }
        this.rateLimit = rateLimit;
    }

    /** How long one request may take before it counts as failed (and is retried). */
    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    /** A request failing with 429, 5xx, a timeout or a connection error is retried after each of these pauses. */
    public List<Duration> getRetryBackoff() {
        return retryBackoff;
    }

    public void setRetryBackoff(List<Duration> retryBackoff) {
        this.retryBackoff = List.copyOf(retryBackoff);
    }
}
