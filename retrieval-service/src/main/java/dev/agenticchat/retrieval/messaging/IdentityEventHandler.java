package dev.agenticchat.retrieval.messaging;

import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.ErasureCompleted;
import dev.agenticchat.contracts.events.ErasureRequested;
import dev.agenticchat.contracts.events.UserLinked;
import dev.agenticchat.retrieval.document.PeoplesDocuments;
import dev.agenticchat.retrieval.knowledgebase.KnowledgeBases;
import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.events.EventContext;
import dev.agenticchat.support.events.EventEnvelope;
import dev.agenticchat.support.inbox.Inbox;
import dev.agenticchat.support.outbox.Outbox;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies identity events once each (inbox), in the transaction of their effect: a linked
 * session's uploads and knowledge bases move to the person; an erased person's uploads and the
 * knowledge bases they created (with everything in them) are deleted, then confirmed.
 */
@Singleton
class IdentityEventHandler {
    static final String SERVICE = "retrieval-service";
    private static final Logger LOG = LoggerFactory.getLogger(IdentityEventHandler.class);

    private final Inbox inbox;
    private final EventCodec codec;
    private final PeoplesDocuments documents;
    private final KnowledgeBases knowledgeBases;
    private final Outbox outbox;

    IdentityEventHandler(Inbox inbox, EventCodec codec, PeoplesDocuments documents, KnowledgeBases knowledgeBases, Outbox outbox) {
        this.inbox = inbox;
        this.codec = codec;
        this.documents = documents;
        this.knowledgeBases = knowledgeBases;
        this.outbox = outbox;
    }

    @Transactional
    void apply(EventEnvelope event) {
        if (!UserLinked.TYPE.equals(event.type()) && !ErasureRequested.TYPE.equals(event.type())) {
            return;
        }
        if (!inbox.firstDelivery(IdentityEventsListener.GROUP, event.id())) {
            return;
        }
        if (codec.decode(event) instanceof UserLinked linked) {
            int moved = documents.moveUploader(linked.tenantId(), linked.fromUserId(), linked.toUserId());
            int bases = knowledgeBases.moveOwner(linked.tenantId(), linked.fromUserId(), linked.toUserId());
            LOG.info("moved {} document(s) and {} knowledge base(s) of a linked session to its person", moved, bases);
        } else if (codec.decode(event) instanceof ErasureRequested erasure) {
            int erased = documents.erase(erasure.tenantId(), erasure.userIds());
            int bases = knowledgeBases.eraseOwnedBy(erasure.tenantId(), erasure.userIds());
            LOG.info("erasure {}: deleted {} document(s) and {} knowledge base(s)", erasure.erasureId(), erased, bases);
            outbox.append(Topics.IDENTITY_EVENTS,
                    new ErasureCompleted(erasure.erasureId(), erasure.tenantId(), SERVICE, Instant.now()),
                    new EventContext(erasure.tenantId(), null, null, event.subject() == null ? erasure.erasureId() : event.subject()));
        }
    }
}
