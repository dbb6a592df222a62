package dev.agenticchat.artifact.messaging;

import dev.agenticchat.support.events.EventEnvelope;
import dev.agenticchat.support.inbox.Inbox;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies identity events (linking, erasure), which arrive with the identity issue; until
 * then each event is recorded in the inbox and acknowledged.
 */
@Singleton
class IdentityEventHandler {
    private static final Logger LOG = LoggerFactory.getLogger(IdentityEventHandler.class);

    private final Inbox inbox;

    IdentityEventHandler(Inbox inbox) {
        this.inbox = inbox;
    }

    @Transactional
    void apply(EventEnvelope event) {
        if (inbox.firstDelivery(IdentityEventsListener.GROUP, event.id())) {
            LOG.debug("No handler yet for {}", event.type());
        }
    }
}
