package dev.agenticchat.support.outbox;

import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.events.EventEnvelope;
import dev.agenticchat.support.kafka.EventPublisher;
import dev.agenticchat.support.tracing.TraceHeaders;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves outbox rows to Kafka in id order, then deletes them. It sleeps on LISTEN and is
 * woken by the NOTIFY that the outbox trigger sends on commit, so an event is relayed
 * within milliseconds; a slow poll covers anything a lost connection missed. Only one
 * replica relays a schema at a time (advisory lock), which keeps per-key order.
 */
@Singleton
@Requires(property = "outbox.relay.enabled", notEquals = "false")
public class OutboxRelay {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;
    private static final String SELECT = """
            SELECT id, event_id, topic, record_key, event_type, source, subject, tenant_id, user_id, thread_id,
                   occurred_at, data, traceparent, tracestate
            FROM outbox ORDER BY id LIMIT ?""";

    private final DataSource dataSource;
    private final EventPublisher publisher;
    private final EventCodec codec;
    private final Duration pollInterval;
    private final Thread thread = new Thread(this::run, "outbox-relay");
    private volatile boolean running = true;

    OutboxRelay(DataSource dataSource, EventPublisher publisher, EventCodec codec, OutboxRelaySettings settings) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.publisher = publisher;
        this.codec = codec;
        this.pollInterval = settings.getPollInterval();
    }

    @EventListener
    void onStartup(StartupEvent event) {
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                String channel = channel(connection);
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN \"" + channel + "\"");
                }
                LOG.info("Outbox relay listening on {}", channel);
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    if (drain(connection) == BATCH) {
                        continue;
                    }
                    pg.getNotifications((int) pollInterval.toMillis());
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("Outbox relay interrupted ({}); retrying in 1s", e.toString());
                try {
                    TimeUnit.SECONDS.sleep(1);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static String channel(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_schema()")) {
            rs.next();
            return rs.getString(1) + "_outbox";
        }
    }

    /** Publishes one batch; returns how many rows it relayed. */
    int drain(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try {
            if (!lock(connection)) {
                connection.rollback();
                return 0;
            }
            List<Long> ids = new ArrayList<>();
            List<CompletableFuture<RecordMetadata>> sends = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(SELECT)) {
                select.setInt(1, BATCH);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong("id"));
                        EventEnvelope envelope = new EventEnvelope(rs.getString("event_id"), rs.getString("source"),
                                rs.getString("event_type"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("subject"),
                                rs.getString("tenant_id"), rs.getString("user_id"), rs.getString("thread_id"),
                                rs.getString("data").getBytes(StandardCharsets.UTF_8));
                        ProducerRecord<String, byte[]> record = codec.toRecord(rs.getString("topic"), rs.getString("record_key"), envelope);
                        TraceHeaders.put(record.headers(), rs.getString("traceparent"), rs.getString("tracestate"));
                        sends.add(publisher.send(record));
                    }
                }
            }
            if (ids.isEmpty()) {
                connection.rollback();
                return 0;
            }
            awaitAll(sends, ids);
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM outbox WHERE id = ANY(?)")) {
                delete.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
                delete.executeUpdate();
            }
            connection.commit();
            LOG.debug("Relayed {} events", ids.size());
            return ids.size();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } catch (Exception e) {
            // Kafka did not acknowledge: keep the rows, they are sent again (at least once).
            connection.rollback();
            throw new IllegalStateException("Kafka did not acknowledge outbox events", e);
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /**
     * Waits for every send. A row Kafka can never take (larger than the broker accepts) is
     * logged and dropped rather than blocking every later event of the schema forever; any
     * other failure keeps the whole batch for another try.
     */
    private static void awaitAll(List<CompletableFuture<RecordMetadata>> sends, List<Long> ids) throws Exception {
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.RecordTooLargeException)) {
                    throw e; // authorization, a closed producer, a broker outage: all pass; keep the batch
                }
                LOG.error("Dropping outbox row {}: Kafka cannot ever accept it ({})", ids.get(i), e.getCause().toString());
            }
        }
    }

    private static boolean lock(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox'))")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        thread.interrupt();
    }
}
