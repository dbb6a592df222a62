package dev.agenticchat.agent.llm;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * {@code agent.llm.request-log.bodies.*}: whether each model call's request and response are kept
 * (redacted) beside its row of the request log, for how long, and how often older ones are swept.
 * Off by default: prompts are the users' words.
 */
@ConfigurationProperties("agent.llm.request-log.bodies")
public class RequestBodySettings {
    private boolean enabled;
    private Duration retention = Duration.ofDays(7);
    private Duration sweepInterval = Duration.ofHours(1);
    private int sweepBatchSize = 1000;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getRetention() {
        return retention;
    }

    public void setRetention(Duration retention) {
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("agent.llm.request-log.bodies.retention must be positive");
        }
        this.retention = retention;
    }

    public Duration getSweepInterval() {
        return sweepInterval;
    }

    public void setSweepInterval(Duration sweepInterval) {
        this.sweepInterval = sweepInterval;
    }

    public int getSweepBatchSize() {
        return sweepBatchSize;
    }

    public void setSweepBatchSize(int sweepBatchSize) {
        this.sweepBatchSize = sweepBatchSize;
    }
}
