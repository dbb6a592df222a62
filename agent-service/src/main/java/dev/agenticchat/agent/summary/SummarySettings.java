package dev.agenticchat.agent.summary;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.List;

/** {@code agent.summaries.*}: when a quiet thread is summarised, how often workers look, and what the model is told. */
@ConfigurationProperties("agent.summaries")
public class SummarySettings {
    private boolean enabled = true;
    private Duration inactivityTimeout = Duration.ofMinutes(30);
    private Duration sweepInterval = Duration.ofSeconds(5);
    private Duration claimLease = Duration.ofMinutes(5);
    private int concurrency = 4;
    private int maxTranscriptTurns = 100;
    private Duration tenantCacheTtl = Duration.ofMinutes(1);
    private List<Duration> retryBackoff = List.of(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10),
            Duration.ofMinutes(30));
    private String summaryPrompt = "Summarize the conversation.";
    private String leadPrompt = "Extract the lead profile from the conversation.";

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** How long a thread must be quiet before it is summarised, unless its tenant sets its own. */
    public Duration getInactivityTimeout() {
        return inactivityTimeout;
    }

    public void setInactivityTimeout(Duration inactivityTimeout) {
        this.inactivityTimeout = positive(inactivityTimeout, "inactivity-timeout");
    }

    public Duration getSweepInterval() {
        return sweepInterval;
    }

    public void setSweepInterval(Duration sweepInterval) {
        this.sweepInterval = positive(sweepInterval, "sweep-interval");
    }

    /** How long a claimed thread stays the claimer's; longer than the model calls of one summary can take. */
    public Duration getClaimLease() {
        return claimLease;
    }

    public void setClaimLease(Duration claimLease) {
        this.claimLease = positive(claimLease, "claim-lease");
    }

    /** How many threads one worker summarises at once. */
    public int getConcurrency() {
        return concurrency;
    }

    public void setConcurrency(int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("agent.summaries.concurrency must be at least 1");
        }
        this.concurrency = concurrency;
    }

    /** The latest turns of a thread the model reads (older ones are left out of very long threads). */
    public int getMaxTranscriptTurns() {
        return maxTranscriptTurns;
    }

    public void setMaxTranscriptTurns(int maxTranscriptTurns) {
        this.maxTranscriptTurns = maxTranscriptTurns;
    }

    public Duration getTenantCacheTtl() {
        return tenantCacheTtl;
    }

    public void setTenantCacheTtl(Duration tenantCacheTtl) {
        this.tenantCacheTtl = tenantCacheTtl;
    }

    /** A thread whose summary failed is tried again after each of these pauses (the last one repeats). */
    public List<Duration> getRetryBackoff() {
        return retryBackoff;
    }

    public void setRetryBackoff(List<Duration> retryBackoff) {
        if (retryBackoff.isEmpty()) {
            throw new IllegalArgumentException("agent.summaries.retry-backoff needs at least one pause");
        }
        this.retryBackoff = List.copyOf(retryBackoff);
    }

    /** The pause after the given number of failed attempts (1 = the first failure). */
    public Duration backoffAfter(int attempts) {
        return retryBackoff.get(Math.max(0, Math.min(attempts, retryBackoff.size()) - 1));
    }

    public String getSummaryPrompt() {
        return summaryPrompt;
    }

    public void setSummaryPrompt(String summaryPrompt) {
        this.summaryPrompt = summaryPrompt;
    }

    public String getLeadPrompt() {
        return leadPrompt;
    }

    public void setLeadPrompt(String leadPrompt) {
        this.leadPrompt = leadPrompt;
    }

    private static Duration positive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("agent.summaries." + name + " must be positive");
        }
        return duration;
    }
}
