package dev.agenticchat.notification.summary;

import dev.agenticchat.contracts.events.ConversationSummarized;
import dev.agenticchat.contracts.events.SendEmail;
import dev.agenticchat.notification.email.ConversationSummaryMails;
import dev.agenticchat.notification.email.EmailSettings;
import dev.agenticchat.support.events.EventContext;
import dev.agenticchat.support.events.EventEnvelope;
import dev.agenticchat.support.inbox.Inbox;
import dev.agenticchat.support.outbox.Outbox;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

/**
 * Queues the mails of one summary as {@link SendEmail} requests (outbox) in one transaction
 * with its inbox entry: each summary is mailed once, and the mailer then sends, retries and
 * logs them like any other mail. Both carry the thread owner's user id, so their mail log goes
 * with the person's data on erasure.
 */
@Singleton
class SummaryService {
    /** Who gets a summary: either may be absent. */
    record Recipients(@Nullable String summaryRecipient, @Nullable String person) {
    }

    private final Inbox inbox;
    private final Outbox outbox;
    private final ConversationSummaryMails mails;
    private final EmailSettings email;

    SummaryService(Inbox inbox, Outbox outbox, ConversationSummaryMails mails, EmailSettings email) {
        this.inbox = inbox;
        this.outbox = outbox;
        this.mails = mails;
        this.email = email;
    }

    /** Spares a redelivered summary the gateway calls; {@link #queue} decides for good. */
    @Transactional(readOnly = true)
    boolean alreadyQueued(String eventId) {
        return inbox.alreadyDelivered(SummariesListener.GROUP, eventId);
    }

    /** Returns how many mails were queued; none when the summary was already handled. */
    @Transactional
    int queue(EventEnvelope event, ConversationSummarized summary, Recipients recipients) {
        if (!inbox.firstDelivery(SummariesListener.GROUP, event.id())) {
            return 0;
        }
        String threadId = summary.threadId() != null ? summary.threadId() : event.threadId();
        EventContext context = new EventContext(event.tenantId(), event.userId(), threadId,
                threadId != null ? threadId : event.id());
        int queued = 0;
        if (recipients.summaryRecipient() != null) {
            outbox.append(email.getRequestsTopic(), new SendEmail(ConversationSummaryMails.FOR_RECIPIENT,
                    recipients.summaryRecipient(), null, mails.forRecipient(summary), event.tenantId(), event.userId()), context);
            queued++;
        }
        if (recipients.person() != null) {
            outbox.append(email.getRequestsTopic(), new SendEmail(ConversationSummaryMails.FOR_PERSON, recipients.person(),
                    null, mails.forPerson(summary), event.tenantId(), event.userId()), context);
            queued++;
        }
        return queued;
    }
}
