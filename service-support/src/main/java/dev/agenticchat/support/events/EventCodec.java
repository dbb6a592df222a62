package dev.agenticchat.support.events;

import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.events.DomainEvent;
import dev.agenticchat.contracts.events.EventTypes;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.ApplicationConfiguration;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Maps domain events to and from CloudEvents in Kafka's binary content mode. */
@Singleton
public class EventCodec {
    private final JsonMapper json;
    private final String source;

    EventCodec(JsonMapper json, ApplicationConfiguration application) {
        this.json = json;
        this.source = "/agentic-chat/" + application.getName()
                .orElseThrow(() -> new IllegalStateException("micronaut.application.name is not set"));
    }

    public String source() {
        return source;
    }

    /** A new envelope for an event this service produces. */
    public EventEnvelope envelope(DomainEvent event, EventContext context) {
        return new EventEnvelope(UUID.randomUUID().toString(), source, event.eventType(), Instant.now(),
                context.subject(), context.tenantId(), context.userId(), context.threadId(), toJson(event));
    }

    public byte[] toJson(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ProducerRecord<String, byte[]> toRecord(String topic, String key, EventEnvelope envelope) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, envelope.data());
        Headers headers = record.headers();
        put(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        put(headers, CloudEventHeaders.ID, envelope.id());
        put(headers, CloudEventHeaders.SOURCE, envelope.source());
        put(headers, CloudEventHeaders.TYPE, envelope.type());
        put(headers, CloudEventHeaders.TIME, envelope.time().toString());
        put(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_VALUE);
        put(headers, CloudEventHeaders.SUBJECT, envelope.subject());
        put(headers, CloudEventHeaders.TENANT_ID, envelope.tenantId());
        put(headers, CloudEventHeaders.USER_ID, envelope.userId());
        put(headers, CloudEventHeaders.THREAD_ID, envelope.threadId());
        return record;
    }

    public EventEnvelope fromRecord(ConsumerRecord<String, byte[]> record) {
        Headers headers = record.headers();
        String id = required(headers, CloudEventHeaders.ID);
        String type = required(headers, CloudEventHeaders.TYPE);
        String source = required(headers, CloudEventHeaders.SOURCE);
        Instant time;
        try {
            time = Instant.parse(required(headers, CloudEventHeaders.TIME));
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("ce_time is not an RFC 3339 timestamp", e);
        }
        if (record.value() == null) {
            throw new MalformedEventException("record has no data");
        }
        return new EventEnvelope(id, source, type, time, header(headers, CloudEventHeaders.SUBJECT),
                header(headers, CloudEventHeaders.TENANT_ID), header(headers, CloudEventHeaders.USER_ID),
                header(headers, CloudEventHeaders.THREAD_ID), record.value());
    }

    /** The typed data of a known event type. */
    public DomainEvent decode(EventEnvelope envelope) {
        Class<? extends DomainEvent> type = EventTypes.classOf(envelope.type())
                .orElseThrow(() -> new MalformedEventException("unknown event type " + envelope.type()));
        try {
            return json.readValue(envelope.data(), type);
        } catch (IOException | RuntimeException e) {
            throw new MalformedEventException("data of " + envelope.type() + " does not match its schema: " + e.getMessage(), e);
        }
    }

    private static void put(Headers headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    public static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String required(Headers headers, String name) {
        String value = header(headers, name);
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("missing CloudEvents header " + name);
        }
        return value;
    }
}
