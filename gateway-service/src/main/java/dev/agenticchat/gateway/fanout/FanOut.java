package dev.agenticchat.gateway.fanout;

import dev.agenticchat.contracts.events.DomainEvent;
import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.contracts.events.TurnCompleted;
import dev.agenticchat.contracts.events.TurnFailed;
import dev.agenticchat.contracts.events.TurnStarted;
import dev.agenticchat.gateway.stream.StreamPositions;
import dev.agenticchat.gateway.stream.ThreadStreams;
import dev.agenticchat.gateway.ws.ClientSession;
import dev.agenticchat.gateway.ws.ServerFrame;
import dev.agenticchat.gateway.ws.SessionRegistry;
import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.events.EventEnvelope;
import dev.agenticchat.support.kafka.EventHandler;
import dev.agenticchat.support.kafka.RecordPosition;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Pushes an event to the readers on this instance that watch its thread ({@link ThreadStreams}) and
 * belong to the event's tenant and user (ce_tenantid, ce_userid): never to anyone else, whatever they
 * subscribed to, nor to a reader whose token has expired. Events of the replayed topic are numbered by
 * their place in it ({@code seq}). Events for threads nobody here watches are not decoded (a turn's
 * start and end are, to remember where it begins); a frame is serialized once for all its readers, and
 * delivering never blocks.
 */
@Singleton
class FanOut implements EventHandler {
    private static final String ARTIFACT_TYPE_PREFIX = "dev.agenticchat.artifact.";

    private final SessionRegistry registry;
    private final ThreadStreams streams;
    private final EventCodec codec;
    private final JsonMapper json;

    FanOut(SessionRegistry registry, ThreadStreams streams, EventCodec codec, JsonMapper json) {
        this.registry = registry;
        this.streams = streams;
        this.codec = codec;
        this.json = json;
    }

    @Override
    public void handle(EventEnvelope event) {
        throw new UnsupportedOperationException("the fan-out needs each record's position");
    }

    @Override
    public void handle(EventEnvelope event, RecordPosition position) throws IOException {
        if (!EventFrames.TYPES.contains(event.type()) || event.tenantId() == null || event.userId() == null) {
            return;
        }
        // Uploads and thread-less artifacts go to all the user's sessions; thread events to the thread's readers.
        boolean aboutUser = EventFrames.USER_TYPES.contains(event.type())
                || (event.threadId() == null && event.type().startsWith(ARTIFACT_TYPE_PREFIX));
        if (aboutUser) {
            toUser(event);
        } else if (event.threadId() != null) {
            toThread(event, position);
        }
    }

    private void toThread(EventEnvelope event, RecordPosition position) throws IOException {
        boolean replayed = streams.topic().equals(position.topic());
        DomainEvent data = null;
        if (replayed && ThreadStreams.marksTurns(event.type())) {
            data = codec.decode(event);
            streams.noted(event.type(), event.threadId(), position.offset(), turnIdOf(data), messageIdOf(data));
        }
        Collection<ThreadStreams.Delivery> watching = streams.readers(event.threadId());
        if (watching.isEmpty()) {
            return;
        }
        List<ThreadStreams.Delivery> recipients = new ArrayList<>();
        for (ThreadStreams.Delivery delivery : watching) {
            if (delivery.reader().accepts(event.tenantId(), event.userId())) {
                recipients.add(delivery);
            }
        }
        if (recipients.isEmpty()) {
            return;
        }
        if (data == null) {
            data = codec.decode(event);
        }
        if (data instanceof MessagePosted posted) {
            // The sending reader already has the ack; the user's other readers (tabs) get the message.
            recipients.removeIf(delivery -> posted.clientMessageId() != null
                    && delivery.reader().posted(posted.clientMessageId()));
        }
        Long seq = replayed ? StreamPositions.seqOf(position.offset()) : null;
        for (ServerFrame frame : EventFrames.of(event.id(), event.threadId(), seq, data)) {
            String text = json.writeValueAsString(frame);
            for (ThreadStreams.Delivery delivery : recipients) {
                delivery.live(frame, text);
            }
        }
    }

    private void toUser(EventEnvelope event) throws IOException {
        List<ClientSession> recipients = new ArrayList<>();
        for (ClientSession session : registry.sessionsOf(event.tenantId(), event.userId())) {
            if (session.accepts(event.tenantId(), event.userId())) {
                recipients.add(session);
            }
        }
        if (recipients.isEmpty()) {
            return;
        }
        for (ServerFrame frame : EventFrames.of(event.id(), event.threadId(), null, codec.decode(event))) {
            String text = json.writeValueAsString(frame);
            for (ClientSession session : recipients) {
                session.send(frame, text);
            }
        }
    }

    private static String turnIdOf(DomainEvent data) {
        if (data instanceof TurnStarted started) {
            return started.turnId();
        }
        if (data instanceof TurnCompleted completed) {
            return completed.turnId();
        }
        return data instanceof TurnFailed failed ? failed.turnId() : null;
    }

    private static String messageIdOf(DomainEvent data) {
        return data instanceof TurnStarted started ? started.messageId() : null;
    }
}
