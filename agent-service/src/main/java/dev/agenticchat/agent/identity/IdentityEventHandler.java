package dev.agenticchat.agent.identity;

import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.ErasureCompleted;
import dev.agenticchat.contracts.events.ErasureRequested;
import dev.agenticchat.contracts.events.UserLinked;
import dev.agenticchat.support.events.EventContext;
import dev.agenticchat.support.events.EventEnvelope;
import dev.agenticchat.support.inbox.Inbox;
import dev.agenticchat.support.outbox.Outbox;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies identity events, each once (inbox) and in the same transaction as its effect. */
@Singleton
class IdentityEventHandler {
    static final String SERVICE = "agent-service";
    private static final Logger LOG = LoggerFactory.getLogger(IdentityEventHandler.class);

    private final Inbox inbox;
    private final PersonalData data;
    private final Outbox outbox;

    IdentityEventHandler(Inbox inbox, PersonalData data, Outbox outbox) {
        this.inbox = inbox;
        this.data = data;
        this.outbox = outbox;
    }

    @Transactional
    void onUserLinked(EventEnvelope event, UserLinked linked) {
        if (!inbox.firstDelivery(IdentityEventsListener.GROUP, event.id())) {
            return;
        }
        int turns = data.moveOwner(linked.tenantId(), linked.fromUserId(), linked.toUserId());
        LOG.info("moved {} turn(s) of a linked session to its person", turns);
    }

    /** Deletes, then confirms in the same transaction: a confirmation always means the data is gone. */
    @Transactional
    void onErasureRequested(EventEnvelope event, ErasureRequested erasure) {
        if (!inbox.firstDelivery(IdentityEventsListener.GROUP, event.id())) {
            return;
        }
        int turns = data.erase(erasure.tenantId(), erasure.userIds());
        LOG.info("erasure {}: deleted {} turn(s) and the summaries of their threads", erasure.erasureId(), turns);
        outbox.append(Topics.IDENTITY_EVENTS,
                new ErasureCompleted(erasure.erasureId(), erasure.tenantId(), SERVICE, Instant.now()),
                new EventContext(erasure.tenantId(), null, null, event.subject() == null ? erasure.erasureId() : event.subject()));
    }
}
