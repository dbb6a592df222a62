package dev.agenticchat.notification.email;

import dev.agenticchat.support.config.DeployedEnvironments;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says at startup which transport mail leaves by and why ({@link EmailTransport#choose}), and refuses
 * to start without one that really sends mail, except locally: a service that silently drops
 * one-time codes is worse than one that does not start.
 */
@Context
class EmailTransportGuard {
    private static final Logger LOG = LoggerFactory.getLogger(EmailTransportGuard.class);

    /** Deployed ({@link DeployedEnvironments}), the log transport is refused whatever the configuration says. */
    EmailTransportGuard(EmailSettings email, SendGridSettings sendGrid, SmtpSettings smtp, Environment environment) {
        boolean deployed = DeployedEnvironments.deployed(environment);
        EmailTransport.Choice choice = EmailTransport.choose(environment);
        Optional<String> problem = problem(choice, email.isLogTransportAllowed() && !deployed,
                sendGrid.getApiKey(), smtp.getHost(), email.getFrom());
        if (problem.isPresent()) {
            throw new IllegalStateException(problem.get());
        }
        email.sender();
        // Never the key or the password: the reason names settings, not their values.
        LOG.info("Mail transport: {} ({})", choice.transport(), choice.reason());
        if (EmailTransport.LOG.id().equals(choice.transport())) {
            LOG.warn("Mail transport log: mails are recorded in email_events and logged, never sent. Local use only.");
        }
    }

    /** What is wrong with a mail configuration, in words an operator can act on. */
    static Optional<String> problem(EmailTransport.Choice choice, boolean logAllowed, String sendGridApiKey,
                                    String smtpHost, String from) {
        Optional<EmailTransport> chosen = EmailTransport.of(choice.transport());
        if (chosen.isEmpty()) {
            return Optional.of("EMAIL_TRANSPORT must be sendgrid, smtp or log, not '" + choice.transport() + "'.");
        }
        if (chosen.get() == EmailTransport.LOG && !choice.explicit() && !logAllowed) {
            return Optional.of("No mail transport configured: set SENDGRID_API_KEY (SendGrid) or SMTP_HOST (SMTP), "
                    + "or EMAIL_TRANSPORT=sendgrid|smtp explicitly.");
        }
        if (from == null || from.isBlank()) {
            return Optional.of("EMAIL_FROM is not set: mails need a sender address.");
        }
        return switch (chosen.get()) {
            case LOG -> logAllowed ? Optional.empty() : Optional.of("EMAIL_TRANSPORT=log only records mails and is "
                    + "allowed only locally; set SENDGRID_API_KEY (SendGrid) or SMTP_HOST (SMTP) instead.");
            case SENDGRID -> blank(sendGridApiKey)
                    ? Optional.of("EMAIL_TRANSPORT=sendgrid needs SENDGRID_API_KEY.") : Optional.empty();
            // Locally an SMTP transport without a host talks to a mail catcher on 127.0.0.1 (SmtpSessionProvider).
            case SMTP -> blank(smtpHost) && !logAllowed
                    ? Optional.of("EMAIL_TRANSPORT=smtp needs SMTP_HOST.") : Optional.empty();
        };
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
