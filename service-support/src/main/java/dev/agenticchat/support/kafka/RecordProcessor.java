package dev.agenticchat.support.kafka;

import dev.agenticchat.support.db.TransientDatabase;
import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.events.EventEnvelope;
import dev.agenticchat.support.events.MalformedEventException;
import dev.agenticchat.support.tracing.ConsumerTracing;
import dev.agenticchat.support.tracing.TracedScope;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs a handler on one record: decodes the CloudEvent, retries failures with
 * exponential backoff, and dead-letters what still fails (or can never succeed), so
 * one poison record never stops the consumer.
 */
final class RecordProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(RecordProcessor.class);

    private final String consumerName;
    private final EventCodec codec;
    private final DeadLetterPublisher deadLetters;
    private final ConsumerTracing tracing;
    private final EventHandler handler;
    private final int maxAttempts;
    private final Duration firstBackoff;
    private final boolean parkFailures;

    /**
     * {@code parkFailures} is false for broadcast consumers: every instance reads every
     * record, so parking would put one copy per instance on the DLQ; they log and skip.
     */
    RecordProcessor(String consumerName, EventCodec codec, DeadLetterPublisher deadLetters, ConsumerTracing tracing, EventHandler handler,
                    int maxAttempts, Duration firstBackoff, boolean parkFailures) {
        this.consumerName = consumerName;
        this.codec = codec;
        this.deadLetters = deadLetters;
        this.tracing = tracing;
        this.handler = handler;
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
        this.parkFailures = parkFailures;
    }

    /** Returns once the record is handled or parked; throws only if parking it failed too. */
    void process(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        EventEnvelope event;
        try {
            event = codec.fromRecord(record);
        } catch (Throwable e) {
            // Whatever the decoder cannot read is malformed, however it fails.
            park(record, e);
            return;
        }
        RecordPosition position = new RecordPosition(record.topic(), record.partition(), record.offset());
        MDC.put("event_id", event.id());
        MDC.put("tenant_id", String.valueOf(event.tenantId()));
        MDC.put("thread_id", String.valueOf(event.threadId()));
        try (TracedScope span = tracing.process(consumerName, record, event)) {
            long backoff = firstBackoff.toMillis();
            for (int attempt = 1; ; attempt++) {
                try {
                    handler.handle(event, position);
                    return;
                } catch (MalformedEventException e) {
                    park(record, e);
                    return;
                } catch (InterruptedException e) {
                    throw e;
                } catch (Throwable e) {
                    // Errors too (a StackOverflowError, a LinkageError of one code path): one record must not
                    // kill the consumer thread. OutOfMemoryError never gets here: services run with
                    // -XX:+ExitOnOutOfMemoryError, since a JVM out of memory is no state to carry on in.
                    if (isInfrastructureOutage(e)) {
                        // The database or a broker is down: that is no reason to give up on a good
                        // record. Wait it out (the consumer stops fetching meanwhile).
                        LOG.warn("{} cannot apply {} ({}) while a dependency is down, retrying: {}", consumerName, event.id(), event.type(), e.toString());
                        TimeUnit.MILLISECONDS.sleep(Math.min(backoff, 5_000));
                        backoff = Math.min(backoff * 2, 30_000);
                        attempt--;
                        continue;
                    }
                    if (attempt >= maxAttempts) {
                        span.fail(e);
                        LOG.error("{} failed {} times on {} ({})", consumerName, attempt, event.id(), event.type(), e);
                        park(record, e);
                        return;
                    }
                    LOG.warn("{} failed on {} ({}), attempt {}/{}: {}", consumerName, event.id(), event.type(), attempt, maxAttempts, e.toString());
                    TimeUnit.MILLISECONDS.sleep(backoff);
                    backoff = Math.min(backoff * 4, 10_000);
                }
            }
        } finally {
            MDC.remove("event_id");
            MDC.remove("tenant_id");
            MDC.remove("thread_id");
        }
    }

    private void park(ConsumerRecord<String, byte[]> record, Throwable error) {
        if (parkFailures) {
            deadLetters.publish(record, consumerName, error);
        } else {
            LOG.warn("{} skipped {}@{}: {}", consumerName, record.topic(), record.offset(), error.toString());
        }
    }

    /** Failures of the infrastructure (not of the record): lost or refused connections, pool timeouts. */
    static boolean isInfrastructureOutage(Throwable error) {
        if (TransientDatabase.isTransient(error)) {
            return true;
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientException || t instanceof java.sql.SQLRecoverableException
                    || t instanceof java.net.ConnectException || t instanceof org.apache.kafka.common.errors.RetriableException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
