package dev.agenticchat.notification.email;

import io.micronaut.context.annotation.Requires;
import io.micronaut.email.Contact;
import io.micronaut.email.Email;
import io.micronaut.email.TransactionalEmailSender;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Local stand-in: the mail is recorded in email_events (by the mailer) and its recipient and subject logged. Never the body. */
@Singleton
@Named(LogEmailSender.NAME)
@Requires(condition = EmailTransport.LogChosen.class)
class LogEmailSender implements TransactionalEmailSender<Email, Void> {
    static final String NAME = "log";
    private static final Logger LOG = LoggerFactory.getLogger(LogEmailSender.class);

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Void send(Email email, Consumer<Email> customizer) {
        customizer.accept(email);
        LOG.info("Mail recorded, not sent (EMAIL_TRANSPORT=log): to={} subject={}",
                email.getTo().stream().map(Contact::getEmail).toList(), email.getSubject());
        return null;
    }
}
