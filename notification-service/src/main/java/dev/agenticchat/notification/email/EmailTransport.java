package dev.agenticchat.notification.email;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;
import io.micronaut.core.value.PropertyResolver;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The values of {@code EMAIL_TRANSPORT}, and which one is in use: an explicit {@code EMAIL_TRANSPORT}
 * wins; otherwise the credentials an operator set decide, so {@code SENDGRID_API_KEY} alone means
 * SendGrid and {@code SMTP_HOST} alone means SMTP. With both and no {@code EMAIL_TRANSPORT}, SendGrid
 * wins (and the startup line says so); with neither, the log transport, which only local runs accept.
 */
enum EmailTransport {
    SENDGRID("sendgrid"), SMTP("smtp"), LOG("log");

    static final String PROPERTY = "notification.email.transport";
    static final String SENDGRID_API_KEY = "notification.email.sendgrid.api-key";
    static final String SMTP_HOST = "notification.email.smtp.host";

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

    /**
     * The transport in use and, in words for the startup line, why.
     *
     * @param transport what {@code EMAIL_TRANSPORT} names (may be invalid); the log transport when nothing was set
     * @param explicit  whether {@code EMAIL_TRANSPORT} named it
     */
    record Choice(String transport, boolean explicit, String reason) {
    }

    static Choice choose(String explicit, String sendGridApiKey, String smtpHost) {
        if (!blank(explicit)) {
            return new Choice(explicit.trim().toLowerCase(Locale.ROOT), true, "EMAIL_TRANSPORT is set");
        }
        boolean sendGrid = !blank(sendGridApiKey);
        boolean smtp = !blank(smtpHost);
        if (sendGrid && smtp) {
            return new Choice(SENDGRID.id, false, "SENDGRID_API_KEY and SMTP_HOST are both set and EMAIL_TRANSPORT is not: "
                    + "SendGrid wins; set EMAIL_TRANSPORT=smtp to use SMTP");
        }
        if (sendGrid) {
            return new Choice(SENDGRID.id, false, "SENDGRID_API_KEY is set");
        }
        if (smtp) {
            return new Choice(SMTP.id, false, "SMTP_HOST is set");
        }
        return new Choice(LOG.id, false, "none of EMAIL_TRANSPORT, SENDGRID_API_KEY and SMTP_HOST is set");
    }

    static Choice choose(PropertyResolver properties) {
        return choose(properties.get(PROPERTY, String.class).orElse(""),
                properties.get(SENDGRID_API_KEY, String.class).orElse(""),
                properties.get(SMTP_HOST, String.class).orElse(""));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** Bean condition: the sender of one transport exists only when that transport is chosen. */
    abstract static class Chosen implements Condition {
        private final EmailTransport transport;

        Chosen(EmailTransport transport) {
            this.transport = transport;
        }

        @Override
        public boolean matches(ConditionContext context) {
            return transport.id.equals(choose(context).transport());
        }
    }

    static final class SendGridChosen extends Chosen {
        public SendGridChosen() {
            super(SENDGRID);
        }
    }

    static final class SmtpChosen extends Chosen {
        public SmtpChosen() {
            super(SMTP);
        }
    }

    static final class LogChosen extends Chosen {
        public LogChosen() {
            super(LOG);
        }
    }
}
