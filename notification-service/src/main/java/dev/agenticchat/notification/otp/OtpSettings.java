package dev.agenticchat.notification.otp;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.List;

@ConfigurationProperties("notification.otp")
class OtpSettings {
    private String pepper = "";
    private Duration ttl = Duration.ofMinutes(10);
    private int maxAttempts = 5;
    private Duration rateWindow = Duration.ofMinutes(15);
    private int maxPerAddress = 5;
    private int maxPerIp = 20;
    private int lockoutAfter = 5;
    private int lockoutAfterPerIp = 20;
    private List<Duration> lockoutDurations = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
            Duration.ofHours(1));
    private Duration failureMemory = Duration.ofHours(24);

    String getPepper() {
        return pepper;
    }

    void setPepper(String pepper) {
        this.pepper = pepper;
    }

    Duration getTtl() {
        return ttl;
    }

    void setTtl(Duration ttl) {
        this.ttl = ttl;
    }

    int getMaxAttempts() {
        return maxAttempts;
    }

    void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    Duration getRateWindow() {
        return rateWindow;
    }

    void setRateWindow(Duration rateWindow) {
        this.rateWindow = rateWindow;
    }

    int getMaxPerAddress() {
        return maxPerAddress;
    }

    void setMaxPerAddress(int maxPerAddress) {
        this.maxPerAddress = maxPerAddress;
    }

    int getMaxPerIp() {
        return maxPerIp;
    }

    void setMaxPerIp(int maxPerIp) {
        this.maxPerIp = maxPerIp;
    }

    /** Failed checks for one address, across its codes, that lock it out. */
    int getLockoutAfter() {
        return lockoutAfter;
    }

    void setLockoutAfter(int lockoutAfter) {
        this.lockoutAfter = Math.max(1, lockoutAfter);
    }

    /** Failed checks from one client IP, across addresses, that lock it out. */
    int getLockoutAfterPerIp() {
        return lockoutAfterPerIp;
    }

    void setLockoutAfterPerIp(int lockoutAfterPerIp) {
        this.lockoutAfterPerIp = Math.max(1, lockoutAfterPerIp);
    }

    /** The first lockout, the second, ...; the last repeats. */
    List<Duration> getLockoutDurations() {
        return lockoutDurations;
    }

    void setLockoutDurations(List<Duration> lockoutDurations) {
        if (lockoutDurations.isEmpty()) {
            throw new IllegalArgumentException("notification.otp.lockout-durations needs at least one duration");
        }
        this.lockoutDurations = List.copyOf(lockoutDurations);
    }

    /** How long without a failure before an address or IP starts afresh (lockouts included). */
    Duration getFailureMemory() {
        return failureMemory;
    }

    void setFailureMemory(Duration failureMemory) {
        this.failureMemory = failureMemory;
    }
}
