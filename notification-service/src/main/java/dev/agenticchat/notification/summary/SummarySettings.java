package dev.agenticchat.notification.summary;

import dev.agenticchat.contracts.Topics;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** Where conversation summaries come from and how the gateway is asked who gets them. */
@ConfigurationProperties("notification.summaries")
class SummarySettings {
    private String topic = Topics.AGENT_EVENTS;
    private String gatewayUrl = "http://127.0.0.1:8080";
    private Duration gatewayTimeout = Duration.ofSeconds(5);

    /** agent.events.v1 unless a test points it at a private topic. */
    String getTopic() {
        return topic;
    }

    void setTopic(String topic) {
        this.topic = topic;
    }

    /** The gateway's internal address ({@code GATEWAY_INTERNAL_URL}), not its public one. */
    String getGatewayUrl() {
        return gatewayUrl;
    }

    void setGatewayUrl(String gatewayUrl) {
        this.gatewayUrl = gatewayUrl.endsWith("/") ? gatewayUrl.substring(0, gatewayUrl.length() - 1) : gatewayUrl;
    }

    Duration getGatewayTimeout() {
        return gatewayTimeout;
    }

    void setGatewayTimeout(Duration gatewayTimeout) {
        this.gatewayTimeout = gatewayTimeout;
    }
}
