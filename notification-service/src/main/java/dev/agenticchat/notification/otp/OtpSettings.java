package dev.agenticchat.notification.otp;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

@ConfigurationProperties("notification.otp")
class OtpSettings {
    private String pepper = "";
    private Duration ttl = Duration.ofMinutes(10);
    private int maxAttempts = 5;
    private Duration rateWindow = Duration.ofMinutes(15);
    private int maxPerAddress = 5;
    private int maxPerIp = 20;

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
}
