package dev.agenticchat.notification.email;

import dev.agenticchat.contracts.events.EmailFailed;
import dev.agenticchat.contracts.events.EmailSent;
import dev.agenticchat.contracts.events.NotificationEvent;
import dev.agenticchat.contracts.events.SendEmail;
import dev.agenticchat.notification.metrics.NotificationMetrics;
import dev.agenticchat.support.events.EventContext;
import dev.agenticchat.support.inbox.Inbox;
import dev.agenticchat.support.outbox.Outbox;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;

/**
 * Closes a mail request: marks it processed (inbox) and announces its outcome (outbox) in one
 * transaction. A request redelivered after that is skipped; one redelivered before it (a crash
 * mid-send) is sent again: mail is at least once.
 */
@Singleton
class MailOutcomeService {
    static final String CONSUMER = MailRequestsListener.GROUP;

    private final Inbox inbox;
    private final Outbox outbox;
    private final EmailSettings settings;
    private final NotificationMetrics metrics;

    MailOutcomeService(Inbox inbox, Outbox outbox, EmailSettings settings, NotificationMetrics metrics) {
        this.metrics = metrics;
        this.inbox = inbox;
        this.outbox = outbox;
        this.settings = settings;
    }

    @Transactional(readOnly = true)
    boolean alreadyHandled(String requestId) {
        return inbox.alreadyDelivered(CONSUMER, requestId);
    }

    @Transactional
    void close(String requestId, SendEmail request, MailOutcome outcome) {
        if (!inbox.firstDelivery(CONSUMER, requestId)) {
            return;
        }
        String emailId = outcome.emailId().toString();
        NotificationEvent event = outcome.sent()
                ? new EmailSent(emailId, requestId, request.tenantId(), request.userId(), request.template(),
                        outcome.attempts(), Instant.now())
                : new EmailFailed(emailId, requestId, request.tenantId(), request.userId(), request.template(),
                        outcome.failureCode(), outcome.attempts(), Instant.now());
        outbox.append(settings.getEventsTopic(), event,
                new EventContext(request.tenantId(), request.userId(), null, emailId));
        metrics.mailClosed(request.template(), outcome.sent(), outcome.failureCode());
    }
}
