package dev.agenticchat.notification.email;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

@ConfigurationProperties("notification.email.sendgrid")
class SendGridSettings {
    private String apiKey = "";
    private String baseUrl = "https://api.sendgrid.com";
    private Duration timeout = Duration.ofSeconds(10);

    String getApiKey() {
        return apiKey;
    }

    void setApiKey(String apiKey) {
        this.apiKey = apiKey == null ? "" : apiKey.trim();
    }

    /** The API address; {@code http://127.0.0.1:PORT} points the sender at a local fake. */
    String getBaseUrl() {
        return baseUrl;
    }

    void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Duration getTimeout() {
        return timeout;
    }

    void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }
}
