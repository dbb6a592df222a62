package dev.agenticchat.notification.email;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.email.javamail.sender.DefaultSessionProvider;
import io.micronaut.email.javamail.sender.SessionProvider;
import jakarta.inject.Singleton;
import jakarta.mail.Authenticator;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import java.util.Properties;

/**
 * The Jakarta Mail session micronaut-email-javamail's sender uses for the SMTP transport,
 * built from {@code SMTP_*}: authentication only when a user is set, STARTTLS required when on,
 * and timeouts so a stuck relay cannot hold a worker forever.
 */
@Singleton
@Replaces(DefaultSessionProvider.class)
@Requires(condition = EmailTransport.SmtpChosen.class)
class SmtpSessionProvider implements SessionProvider {
    /** Locally, EMAIL_TRANSPORT=smtp without SMTP_HOST means a mail catcher here; deployed, the guard refuses it. */
    static final String LOCAL_HOST = "127.0.0.1";

    private final Session session;

    SmtpSessionProvider(SmtpSettings settings) {
        Properties properties = new Properties();
        String timeout = String.valueOf(settings.getTimeout().toMillis());
        properties.put("mail.transport.protocol", "smtp");
        properties.put("mail.smtp.host", settings.getHost().isBlank() ? LOCAL_HOST : settings.getHost());
        properties.put("mail.smtp.port", String.valueOf(settings.getPort()));
        properties.put("mail.smtp.connectiontimeout", timeout);
        properties.put("mail.smtp.timeout", timeout);
        properties.put("mail.smtp.writetimeout", timeout);
        if (settings.isStarttls()) {
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", "true");
        }
        Authenticator authenticator = null;
        if (!settings.getUser().isBlank()) {
            properties.put("mail.smtp.auth", "true");
            PasswordAuthentication credentials = new PasswordAuthentication(settings.getUser(), settings.getPassword());
            authenticator = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return credentials;
                }
            };
        }
        this.session = Session.getInstance(properties, authenticator);
    }

    @Override
    public Session session() {
        return session;
    }
}
