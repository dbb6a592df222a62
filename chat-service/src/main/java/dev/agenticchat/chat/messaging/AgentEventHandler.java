package dev.agenticchat.chat.messaging;

import dev.agenticchat.chat.limit.TurnLimits;
import dev.agenticchat.chat.message.MessageService;
import dev.agenticchat.chat.summary.SummaryService;
import dev.agenticchat.contracts.events.ConversationSummarized;
import dev.agenticchat.contracts.events.TurnCompleted;
import dev.agenticchat.contracts.events.TurnFailed;
import dev.agenticchat.support.events.EventEnvelope;
import dev.agenticchat.support.events.MalformedEventException;
import dev.agenticchat.support.identity.MergedUsers;
import dev.agenticchat.support.inbox.Inbox;
import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.security.Role;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies agent events, each once (inbox) and in the same transaction as its effect. An event
 * names the user the turn started for; if that session has since been linked to a person, the
 * thread is the person's now, and so is what the event stores ({@link MergedUsers}).
 */
@Singleton
class AgentEventHandler {
    private static final Logger LOG = LoggerFactory.getLogger(AgentEventHandler.class);

    private final Inbox inbox;
    private final MessageService messages;
    private final SummaryService summaries;
    private final TurnLimits turnLimits;
    private final MergedUsers merged;

    AgentEventHandler(Inbox inbox, MessageService messages, SummaryService summaries, TurnLimits turnLimits,
                      MergedUsers merged) {
        this.turnLimits = turnLimits;
        this.inbox = inbox;
        this.messages = messages;
        this.summaries = summaries;
        this.merged = merged;
    }

    @Transactional
    void onSummarized(EventEnvelope event, ConversationSummarized summarized) {
        if (!inbox.firstDelivery(ConsumerGroup.ID, event.id())) {
            return;
        }
        if (event.tenantId() == null || event.userId() == null) {
            LOG.warn("A summary of thread {} without ce_tenantid or ce_userid; not stored", summarized.threadId());
            return;
        }
        summaries.store(ownerOf(event), uuid("thread_id", summarized.threadId()), summarized);
    }

    /** The owner is who the event says it is about (ce_tenantid, ce_userid), checked against the thread. */
    @Transactional
    void onTurnCompleted(EventEnvelope event, TurnCompleted completed) {
        if (!inbox.firstDelivery(ConsumerGroup.ID, event.id())) {
            return;
        }
        if (event.tenantId() == null || event.userId() == null) {
            LOG.warn("Turn {} completed without ce_tenantid or ce_userid; answer not stored", completed.turnId());
            return;
        }
        messages.storeAnswer(ownerOf(event), uuid("thread_id", completed.threadId()),
                uuid("assistant_message_id", completed.assistantMessageId()), completed);

        if (completed.messageId() != null) {
            turnLimits.turnEnded(uuid("message_id", completed.messageId()));
        }
    }

    /** A failed turn stores nothing (the client is told live), but it no longer counts as running. */
    @Transactional
    void onTurnFailed(EventEnvelope event, TurnFailed failed) {
        if (!inbox.firstDelivery(ConsumerGroup.ID, event.id())) {
            return;
        }
        if (failed.messageId() != null) {
            turnLimits.turnEnded(uuid("message_id", failed.messageId()));
        }
    }

    /** Resolved before anything of the owner's is read or locked, as {@link MergedUsers} requires. */
    private Caller ownerOf(EventEnvelope event) {
        return merged.owner(Caller.of(event.tenantId(), event.userId(), Role.SERVICE));
    }

    private static UUID uuid(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(field + " is not a UUID: " + value, e);
        }
    }
}
