package dev.agenticchat.support.outbox;

import dev.agenticchat.contracts.events.DomainEvent;
import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.events.EventContext;
import dev.agenticchat.support.events.EventEnvelope;
import dev.agenticchat.support.tracing.TraceHeaders;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;

/**
 * Records a durable event in the caller's transaction. It reaches Kafka only if that
 * transaction commits, and then surely (the relay retries until Kafka takes it).
 */
@Singleton
public class Outbox {
    private static final String INSERT = """
            INSERT INTO outbox (event_id, topic, record_key, event_type, source, subject, tenant_id, user_id,
                                thread_id, occurred_at, data, traceparent, tracestate)
            VALUES (?::uuid, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcOperations jdbc;
    private final EventCodec codec;

    Outbox(JdbcOperations jdbc, EventCodec codec) {
        this.jdbc = jdbc;
        this.codec = codec;
    }

    /** Must run inside a transaction; returns the event id. */
    public String append(String topic, DomainEvent event, EventContext context) {
        EventEnvelope envelope = codec.envelope(event, context);
        TraceHeaders.TraceContext trace = TraceHeaders.current();
        jdbc.prepareStatement(INSERT, statement -> {
            statement.setString(1, envelope.id());
            statement.setString(2, topic);
            statement.setString(3, context.recordKey());
            statement.setString(4, envelope.type());
            statement.setString(5, envelope.source());
            statement.setString(6, envelope.subject());
            statement.setString(7, envelope.tenantId());
            statement.setString(8, envelope.userId());
            statement.setString(9, envelope.threadId());
            statement.setTimestamp(10, Timestamp.from(envelope.time()));
            statement.setString(11, new String(envelope.data(), StandardCharsets.UTF_8));
            statement.setString(12, trace == null ? null : trace.traceparent());
            statement.setString(13, trace == null ? null : trace.tracestate());
            return statement.executeUpdate();
        });
        return envelope.id();
    }
}
