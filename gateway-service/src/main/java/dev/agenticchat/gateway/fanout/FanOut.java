package dev.agenticchat.gateway.fanout;

import dev.agenticchat.contracts.events.DomainEvent;
import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.gateway.ws.ClientSession;
import dev.agenticchat.gateway.ws.ServerFrame;
import dev.agenticchat.gateway.ws.SessionRegistry;
import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.events.EventEnvelope;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Pushes an event to the sessions on this instance that watch its thread and belong to the
 * event's tenant and user (ce_tenantid, ce_userid): never to anyone else, whatever they
 * subscribed to, nor to a session whose token has expired. Events for threads nobody here
 * watches cost one map lookup and are not decoded; a frame is serialized once for all its
 * recipients, and sending never blocks.
 */
@Singleton
class FanOut {
    private static final String ARTIFACT_TYPE_PREFIX = "dev.agenticchat.artifact.";

    private final SessionRegistry registry;
    private final EventCodec codec;
    private final JsonMapper json;

    FanOut(SessionRegistry registry, EventCodec codec, JsonMapper json) {
        this.registry = registry;
        this.codec = codec;
        this.json = json;
    }

    void deliver(EventEnvelope event) throws IOException {
        if (!EventFrames.TYPES.contains(event.type()) || event.tenantId() == null || event.userId() == null) {
            return;
        }
        // Thread events go to the sessions watching the thread; uploads and thread-less artifacts to all the user's sessions.
        boolean aboutUser = EventFrames.USER_TYPES.contains(event.type())
                || (event.threadId() == null && event.type().startsWith(ARTIFACT_TYPE_PREFIX));
        if (!aboutUser && event.threadId() == null) {
            return;
        }
        Collection<ClientSession> watching = aboutUser
                ? registry.sessionsOf(event.tenantId(), event.userId())
                : registry.subscribers(event.threadId());
        if (watching.isEmpty()) {
            return;
        }
        List<ClientSession> recipients = new ArrayList<>();
        for (ClientSession session : watching) {
            if (session.accepts(event.tenantId(), event.userId())) {
                recipients.add(session);
            }
        }
        if (recipients.isEmpty()) {
            return;
        }
        DomainEvent data = codec.decode(event);
        if (data instanceof MessagePosted posted) {
            // The sending session already has the ack; the user's other sessions (tabs) get the message.
            recipients.removeIf(session -> session.sent(posted.clientMessageId()));
        }
        for (ServerFrame frame : EventFrames.of(event.id(), event.threadId(), data)) {
            String text = json.writeValueAsString(frame);
            for (ClientSession session : recipients) {
                session.send(text);
            }
        }
    }
}
