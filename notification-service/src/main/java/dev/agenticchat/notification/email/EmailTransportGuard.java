package dev.agenticchat.notification.email;

import dev.agenticchat.support.config.DeployedEnvironments;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses to start without a transport that really sends mail, except locally: a service that
 * silently drops one-time codes is worse than one that does not start.
 */
@Context
class EmailTransportGuard {
    private static final Logger LOG = LoggerFactory.getLogger(EmailTransportGuard.class);

    /** Deployed ({@link DeployedEnvironments}), the log transport is refused whatever the configuration says. */
    EmailTransportGuard(EmailSettings email, SendGridSettings sendGrid, SmtpSettings smtp, Environment environment) {
        boolean deployed = DeployedEnvironments.deployed(environment);
        Optional<String> problem = problem(email.getTransport(), email.isLogTransportAllowed() && !deployed,
                sendGrid.getApiKey(), smtp.getHost(), email.getFrom());
        if (problem.isPresent()) {
            throw new IllegalStateException(problem.get());
        }
        email.sender();
        if (EmailTransport.LOG.id().equals(email.getTransport())) {
            LOG.warn("EMAIL_TRANSPORT=log: mails are recorded in email_events and logged, never sent. Local use only.");
        }
    }

    /** What is wrong with a mail configuration, in words an operator can act on. */
    static Optional<String> problem(String transport, boolean logAllowed, String sendGridApiKey, String smtpHost,
                                    String from) {
        Optional<EmailTransport> chosen = EmailTransport.of(transport);
        if (transport == null || transport.isBlank()) {
            return Optional.of("No mail transport configured: set EMAIL_TRANSPORT=sendgrid (with SENDGRID_API_KEY) "
                    + "or EMAIL_TRANSPORT=smtp (with SMTP_HOST).");
        }
        if (chosen.isEmpty()) {
            return Optional.of("EMAIL_TRANSPORT must be sendgrid, smtp or log, not '" + transport + "'.");
        }
        if (from == null || from.isBlank()) {
            return Optional.of("EMAIL_FROM is not set: mails need a sender address.");
        }
        return switch (chosen.get()) {
            case LOG -> logAllowed ? Optional.empty() : Optional.of("EMAIL_TRANSPORT=log only records mails and is "
                    + "allowed only locally; set EMAIL_TRANSPORT=sendgrid (with SENDGRID_API_KEY) or smtp (with SMTP_HOST).");
            case SENDGRID -> sendGridApiKey == null || sendGridApiKey.isBlank()
                    ? Optional.of("EMAIL_TRANSPORT=sendgrid needs SENDGRID_API_KEY.") : Optional.empty();
            case SMTP -> smtpHost == null || smtpHost.isBlank()
                    ? Optional.of("EMAIL_TRANSPORT=smtp needs SMTP_HOST.") : Optional.empty();
        };
    }
}
