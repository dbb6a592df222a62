package dev.agenticchat.agent.turn;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * {@code agent.turns.*}: the limits of the tool loop, how many turns
 * a worker runs at once and how often streamed text is published.
 */
@ConfigurationProperties("agent.turns")
public class TurnSettings {
    private int maxSteps = 8;
    private Duration timeout = Duration.ofMinutes(5);
    private Duration lease = Duration.ofSeconds(30);
    private int maxConcurrent = 256;
    private Duration deltaInterval = Duration.ofMillis(30);

    public int getMaxSteps() {
        return maxSteps;
    }

    public void setMaxSteps(int maxSteps) {
        this.maxSteps = maxSteps;
    }

    /** How long a running turn stays its worker's after the worker's last sign of life (renewed at a third of it). */
    public Duration getLease() {
        return lease;
    }

    public void setLease(Duration lease) {
        this.lease = lease;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }


    /** Turns one worker runs at once (a turn mostly waits on the model). */
    public int getMaxConcurrent() {
        return maxConcurrent;
    }

    public void setMaxConcurrent(int maxConcurrent) {
        this.maxConcurrent = maxConcurrent;
    }

    /** Streamed text is published at most once per interval (see {@link DeltaCoalescer}). */
    public Duration getDeltaInterval() {
        return deltaInterval;
    }

    public void setDeltaInterval(Duration deltaInterval) {
        this.deltaInterval = deltaInterval;
    }
}
