package dev.agenticchat.support.identity;

import dev.agenticchat.contracts.events.ErasureCompleted;
import dev.agenticchat.contracts.events.ErasureRequested;
import dev.agenticchat.contracts.events.UserLinked;
import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.events.EventContext;
import dev.agenticchat.support.events.EventEnvelope;
import dev.agenticchat.support.events.MalformedEventException;
import dev.agenticchat.support.inbox.Inbox;
import dev.agenticchat.support.outbox.Outbox;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.ApplicationConfiguration;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity protocol every service owning personal data follows: each {@link UserLinked}
 * and {@link ErasureRequested} once (inbox), in the transaction of its effect; an erasure is
 * confirmed with {@link ErasureCompleted} (named after this service) in that same transaction,
 * so a confirmation always means the data is gone; it goes to the identity topic the request came
 * from ({@link IdentitySettings}). A link is also remembered ({@link MergedUsers}), so that writes
 * still arriving for the session afterwards land with the person; an erasure forgets the merges
 * naming the erased ids. Other identity events are skipped on their type header, before
 * any decoding or database work.
 */
@Singleton
@Requires(beans = PersonalData.class)
public class IdentityEventHandler {
    private static final Logger LOG = LoggerFactory.getLogger(IdentityEventHandler.class);
    private static final Set<String> HANDLED = Set.of(UserLinked.TYPE, ErasureRequested.TYPE);

    private final Inbox inbox;
    private final EventCodec codec;
    private final PersonalData data;
    private final MergedUsers merged;
    private final Outbox outbox;
    private final String service;
    private final String consumer;
    private final String topic;

    IdentityEventHandler(Inbox inbox, EventCodec codec, PersonalData data, MergedUsers merged, Outbox outbox,
                         ApplicationConfiguration application, IdentitySettings settings) {
        this.inbox = inbox;
        this.codec = codec;
        this.data = data;
        this.merged = merged;
        this.outbox = outbox;
        this.service = IdentityEventsListener.serviceName(application);
        this.consumer = IdentityEventsListener.groupOf(service, settings.group());
        this.topic = settings.topic();
    }

    /** An identity event without its ids can never be applied: parked at once, not retried. */
    private static void require(EventEnvelope event, String... values) {
        for (String value : values) {
            if (value == null || value.isBlank()) {
                throw new MalformedEventException(event.type() + " " + event.id() + " lacks a required id");
            }
        }
    }

    @Transactional
    public void apply(EventEnvelope event) {
        if (!HANDLED.contains(event.type()) || !inbox.firstDelivery(consumer, event.id())) {
            return;
        }
        if (codec.decode(event) instanceof UserLinked linked) {
            require(event, linked.tenantId(), linked.fromUserId(), linked.toUserId());
            merged.merge(linked.tenantId(), linked.fromUserId(), linked.toUserId());
            int moved = data.moveOwner(linked.tenantId(), linked.fromUserId(), linked.toUserId());
            LOG.info("moved {} record(s) of a linked session to its person", moved);
        } else if (codec.decode(event) instanceof ErasureRequested erasure) {
            require(event, erasure.erasureId(), erasure.tenantId());
            if (erasure.userIds() == null || erasure.userIds().stream().anyMatch(id -> id == null || id.isBlank())) {
                throw new MalformedEventException("erasure " + erasure.erasureId() + " names a blank user id");
            }
            int erased = data.erase(erasure.tenantId(), erasure.userIds(), erasure.emailSha256())
                    + merged.forget(erasure.tenantId(), erasure.userIds());
            LOG.info("erasure {}: deleted {} record(s)", erasure.erasureId(), erased);
            outbox.append(topic,
                    new ErasureCompleted(erasure.erasureId(), erasure.tenantId(), service, Instant.now()),
                    new EventContext(erasure.tenantId(), null, null,
                            event.subject() == null ? erasure.erasureId() : event.subject()));
        }
    }
}
