package dev.agenticchat.notification.email;

import java.util.Arrays;
import java.util.Optional;

/** The values of {@code EMAIL_TRANSPORT}. */
enum EmailTransport {
    SENDGRID("sendgrid"), SMTP("smtp"), LOG("log");

    static final String PROPERTY = "notification.email.transport";

    private final String id;

    EmailTransport(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    static Optional<EmailTransport> of(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }
}
