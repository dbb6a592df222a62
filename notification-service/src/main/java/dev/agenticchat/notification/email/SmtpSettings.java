package dev.agenticchat.notification.email;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

@ConfigurationProperties("notification.email.smtp")
class SmtpSettings {
    private String host = "";
    private int port = 25;
    private String user = "";
    private String password = "";
    private boolean starttls = true;
    private Duration timeout = Duration.ofSeconds(10);

    String getHost() {
        return host;
    }

    void setHost(String host) {
        this.host = host == null ? "" : host.trim();
    }

    int getPort() {
        return port;
    }

    void setPort(int port) {
        this.port = port;
    }

    String getUser() {
        return user;
    }

    void setUser(String user) {
        this.user = user == null ? "" : user;
    }

    String getPassword() {
        return password;
    }

    void setPassword(String password) {
        this.password = password == null ? "" : password;
    }

    boolean isStarttls() {
        return starttls;
    }

    void setStarttls(boolean starttls) {
        this.starttls = starttls;
    }

    Duration getTimeout() {
        return timeout;
    }

    void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }
}
