package dev.agenticchat.notification.webhook;

import dev.agenticchat.contracts.Topics;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.List;

@ConfigurationProperties("notification.webhooks")
class WebhookSettings {
    private boolean allowPrivateTargets;
    /** Waits before each retry; a delivery is tried once more than it has entries, then given up. */
    private List<Duration> retrySchedule = List.of(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(2),
            Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4),
            Duration.ofHours(8), Duration.ofHours(8));
    private Duration deliveryDeadline = Duration.ofSeconds(10);
    private int maxResponseBytes = 4096;
    private int maxConcurrentPerTarget = 4;
    private Duration pollInterval = Duration.ofSeconds(1);
    private Duration lease = Duration.ofMinutes(2);
    private int batchSize = 16;
    private List<String> topics = List.of(Topics.ARTIFACT_EVENTS, Topics.AGENT_EVENTS, Topics.RETRIEVAL_EVENTS,
            Topics.AGENT_BUDGETS);

    boolean isAllowPrivateTargets() {
        return allowPrivateTargets;
    }

    void setAllowPrivateTargets(boolean allowPrivateTargets) {
        this.allowPrivateTargets = allowPrivateTargets;
    }

    List<Duration> getRetrySchedule() {
        return retrySchedule;
    }

    void setRetrySchedule(List<Duration> retrySchedule) {
        this.retrySchedule = List.copyOf(retrySchedule);
    }

    int maxAttempts() {
        return retrySchedule.size() + 1;
    }

    /** The whole of one delivery: resolving, connecting, TLS, sending and reading the answer. */
    Duration getDeliveryDeadline() {
        return deliveryDeadline;
    }

    void setDeliveryDeadline(Duration deliveryDeadline) {
        this.deliveryDeadline = deliveryDeadline;
    }

    /** How much of a response body is read before the connection is dropped; only the status counts. */
    int getMaxResponseBytes() {
        return maxResponseBytes;
    }

    void setMaxResponseBytes(int maxResponseBytes) {
        this.maxResponseBytes = Math.max(0, maxResponseBytes);
    }

    /** Deliveries in flight to one host on one replica; more wait for a later tick. */
    int getMaxConcurrentPerTarget() {
        return maxConcurrentPerTarget;
    }

    void setMaxConcurrentPerTarget(int maxConcurrentPerTarget) {
        this.maxConcurrentPerTarget = Math.max(1, maxConcurrentPerTarget);
    }

    Duration getPollInterval() {
        return pollInterval;
    }

    void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    /** How long a claimed delivery stays invisible to other workers before it is considered abandoned. */
    Duration getLease() {
        return lease;
    }

    void setLease(Duration lease) {
        this.lease = lease;
    }

    /** Senders per replica: at most this many deliveries in flight, and claimed per poll. */
    int getBatchSize() {
        return batchSize;
    }

    void setBatchSize(int batchSize) {
        this.batchSize = Math.max(1, batchSize);
    }

    /** Where the events to deliver come from; tests point it at private topics. */
    List<String> getTopics() {
        return topics;
    }

    void setTopics(List<String> topics) {
        this.topics = List.copyOf(topics);
    }
}
