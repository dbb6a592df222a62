package dev.agenticchat.notification.messaging;

import dev.agenticchat.contracts.events.ErasureCompleted;
import dev.agenticchat.contracts.events.ErasureRequested;
import dev.agenticchat.contracts.events.UserLinked;
import dev.agenticchat.support.events.EventContext;
import dev.agenticchat.support.events.EventEnvelope;
import dev.agenticchat.support.inbox.Inbox;
import dev.agenticchat.support.outbox.Outbox;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies identity events, each once (inbox) and in the same transaction as its effect. */
@Singleton
class IdentityEventHandler {
    static final String SERVICE = "notification-service";
    private static final Logger LOG = LoggerFactory.getLogger(IdentityEventHandler.class);

    private final Inbox inbox;
    private final PersonalData data;
    private final Outbox outbox;
    private final String topic;

    IdentityEventHandler(Inbox inbox, PersonalData data, Outbox outbox, @Value(IdentityEventsListener.TOPIC) String topic) {
        this.inbox = inbox;
        this.data = data;
        this.outbox = outbox;
        this.topic = topic;
    }

    @Transactional
    void onUserLinked(EventEnvelope event, UserLinked linked) {
        if (!inbox.firstDelivery(IdentityEventsListener.GROUP, event.id())) {
            return;
        }
        int rows = data.moveUser(linked.tenantId(), linked.fromUserId(), linked.toUserId());
        LOG.info("moved {} mail log row(s) of a linked session to its person", rows);
    }

    /** Deletes, then confirms in the same transaction: a confirmation always means the data is gone. */
    @Transactional
    void onErasureRequested(EventEnvelope event, ErasureRequested erasure) {
        if (!inbox.firstDelivery(IdentityEventsListener.GROUP, event.id())) {
            return;
        }
        int rows = data.erase(erasure.tenantId(), erasure.userIds(), erasure.emailSha256());
        LOG.info("erasure {}: deleted {} row(s)", erasure.erasureId(), rows);
        outbox.append(topic,
                new ErasureCompleted(erasure.erasureId(), erasure.tenantId(), SERVICE, Instant.now()),
                new EventContext(erasure.tenantId(), null, null, event.subject() == null ? erasure.erasureId() : event.subject()));
    }
}
