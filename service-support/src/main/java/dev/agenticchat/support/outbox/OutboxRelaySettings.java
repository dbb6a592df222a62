package dev.agenticchat.support.outbox;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * {@code outbox.relay.*}: the relay's slow poll, which covers a NOTIFY missed while its
 * connection was lost ({@code outbox.relay.enabled: false} turns the relay off).
 */
@ConfigurationProperties("outbox.relay")
public class OutboxRelaySettings {
    private Duration pollInterval = Duration.ofSeconds(1);

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }
}
