package dev.agenticchat.support.inbox;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * {@code agentic.inbox.*}: how long consumed event ids are kept and how many one purge batch
 * deletes (the purge interval is read by {@link InboxPurge}'s schedule).
 */
@ConfigurationProperties("agentic.inbox")
public class InboxSettings {
    private Duration retention = Duration.ofDays(15);
    private int purgeBatchSize = 1000;

    public Duration getRetention() {
        return retention;
    }

    public void setRetention(Duration retention) {
        this.retention = retention;
    }

    public int getPurgeBatchSize() {
        return purgeBatchSize;
    }

    public void setPurgeBatchSize(int purgeBatchSize) {
        this.purgeBatchSize = purgeBatchSize;
    }
}
