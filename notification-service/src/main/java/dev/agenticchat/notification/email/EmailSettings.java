package dev.agenticchat.notification.email;

import dev.agenticchat.contracts.Topics;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.email.Contact;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;

/** How mail leaves the service: the transport, the sender address and the retry schedule. */
@ConfigurationProperties("notification.email")
public class EmailSettings {
    private String transport = "";
    private String from = "";
    private boolean logTransportAllowed;
    private int maxAttempts = 5;
    private Duration firstBackoff = Duration.ofSeconds(1);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private int concurrency = 8;
    private String requestsTopic = Topics.NOTIFICATION_REQUESTS;
    private String eventsTopic = Topics.NOTIFICATION_EVENTS;

    public String getTransport() {
        return transport;
    }

    public void setTransport(String transport) {
        this.transport = transport == null ? "" : transport.trim().toLowerCase();
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from == null ? "" : from.trim();
    }

    /** {@code from} as a contact: "Name <address>" or a bare address. */
    Contact sender() {
        try {
            InternetAddress address = new InternetAddress(from, true);
            return address.getPersonal() == null ? new Contact(address.getAddress())
                    : new Contact(address.getAddress(), address.getPersonal());
        } catch (AddressException e) {
            throw new IllegalStateException("EMAIL_FROM is not a valid address: " + e.getMessage(), e);
        }
    }

    public boolean isLogTransportAllowed() {
        return logTransportAllowed;
    }

    public void setLogTransportAllowed(boolean logTransportAllowed) {
        this.logTransportAllowed = logTransportAllowed;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = Math.max(1, maxAttempts);
    }

    public Duration getFirstBackoff() {
        return firstBackoff;
    }

    public void setFirstBackoff(Duration firstBackoff) {
        this.firstBackoff = firstBackoff;
    }

    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    public int getConcurrency() {
        return concurrency;
    }

    public void setConcurrency(int concurrency) {
        this.concurrency = Math.max(1, concurrency);
    }

    /** Where mail requests are read from; tests point it at a private topic. */
    public String getRequestsTopic() {
        return requestsTopic;
    }

    public void setRequestsTopic(String requestsTopic) {
        this.requestsTopic = requestsTopic;
    }

    /** Where EmailSent and EmailFailed go. */
    public String getEventsTopic() {
        return eventsTopic;
    }

    public void setEventsTopic(String eventsTopic) {
        this.eventsTopic = eventsTopic;
    }
}
