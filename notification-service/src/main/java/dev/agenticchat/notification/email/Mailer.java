package dev.agenticchat.notification.email;

import dev.agenticchat.contracts.events.EmailFailed;
import dev.agenticchat.contracts.events.SendEmail;
import io.micronaut.email.Email;
import io.micronaut.email.MultipartBody;
import io.micronaut.email.TransactionalEmailSender;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders a requested mail and hands it to the configured transport, retrying transient
 * failures (429, 5xx, an unreachable provider) with exponential backoff and jitter. Each step
 * is recorded in email_events; the body and parameters never are.
 */
@Singleton
class Mailer {
    private static final Logger LOG = LoggerFactory.getLogger(Mailer.class);

    private final TransactionalEmailSender<?, ?> sender;
    private final MailTemplates templates;
    private final ParamSealer sealer;
    private final EmailEventRepository events;
    private final EmailSettings settings;

    Mailer(TransactionalEmailSender<?, ?> sender, MailTemplates templates, ParamSealer sealer, EmailEventRepository events,
           EmailSettings settings) {
        this.sender = sender;
        this.templates = templates;
        this.sealer = sealer;
        this.events = events;
        this.settings = settings;
    }

    MailOutcome deliver(String requestId, SendEmail request) throws InterruptedException {
        EmailEventRepository.Mail mail = new EmailEventRepository.Mail(UUID.randomUUID(), requestId, request.tenantId(),
                request.userId(), request.to().trim().toLowerCase(Locale.ROOT), request.template());
        RenderedMail rendered;
        try {
            Map<String, String> params = request.params() == null ? Map.of() : request.params();
            rendered = templates.render(request.template(), request.locale(), sealer.open(params));
        } catch (InvalidMailRequest e) {
            events.record(mail, null, EmailEventRepository.Status.FAILED, 0, e.getMessage());
            return new MailOutcome(mail.emailId(), false, EmailFailed.INVALID_REQUEST, 0);
        }
        events.record(mail, rendered.subject(), EmailEventRepository.Status.QUEUED, 0, null);
        Email email = Email.builder()
                .from(settings.sender())
                .to(request.to())
                .subject(rendered.subject())
                .body(new MultipartBody(rendered.html(), rendered.text()))
                .build();
        long backoff = settings.getFirstBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                sender.send(email);
                events.record(mail, rendered.subject(), EmailEventRepository.Status.SENT, attempt, null);
                LOG.info("Mail {} ({}) sent via {} on attempt {}", mail.emailId(), mail.template(), sender.getName(), attempt);
                return new MailOutcome(mail.emailId(), true, null, attempt);
            } catch (RuntimeException e) {
                Failures.Failure failure = Failures.classify(e);
                boolean last = !failure.retryable() || attempt >= settings.getMaxAttempts();
                events.record(mail, rendered.subject(),
                        last ? EmailEventRepository.Status.FAILED : EmailEventRepository.Status.RETRYING,
                        attempt, failure.providerResponse());
                if (last) {
                    LOG.warn("Mail {} ({}) failed for good on attempt {}: {}", mail.emailId(), mail.template(), attempt,
                            failure.providerResponse());
                    return new MailOutcome(mail.emailId(), false,
                            failure.retryable() ? EmailFailed.RETRIES_EXHAUSTED : EmailFailed.REJECTED, attempt);
                }
                TimeUnit.MILLISECONDS.sleep(wait(backoff, failure));
                backoff = Math.min(backoff * 2, settings.getMaxBackoff().toMillis());
            }
        }
    }

    /**
     * The jittered backoff, or longer when the provider asked for it (Retry-After), but never
     * longer than EMAIL_MAX_BACKOFF: a worker must not sit on one mail for minutes.
     */
    private long wait(long backoff, Failures.Failure failure) {
        long asked = failure.retryAfter() == null ? 0 : failure.retryAfter().toMillis();
        return Math.max(jittered(backoff), Math.min(asked, settings.getMaxBackoff().toMillis()));
    }

    /** Between half and all of the backoff, so mails throttled together do not retry together. */
    private static long jittered(long backoff) {
        return backoff / 2 + ThreadLocalRandom.current().nextLong(Math.max(1, backoff / 2 + 1));
    }
}
