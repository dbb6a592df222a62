package dev.agenticchat.support.kafka;

import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.events.EventEnvelope;
import dev.agenticchat.support.events.MalformedEventException;
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
    private final EventHandler handler;
    private final int maxAttempts;
    private final Duration firstBackoff;

    RecordProcessor(String consumerName, EventCodec codec, DeadLetterPublisher deadLetters, EventHandler handler,
                    int maxAttempts, Duration firstBackoff) {
        this.consumerName = consumerName;
        this.codec = codec;
        this.deadLetters = deadLetters;
        this.handler = handler;
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
    }

    /** Returns once the record is handled or parked; throws only if parking it failed too. */
    void process(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        EventEnvelope event;
        try {
            event = codec.fromRecord(record);
        } catch (MalformedEventException e) {
            deadLetters.publish(record, consumerName, e);
            return;
        }
        MDC.put("event_id", event.id());
        MDC.put("tenant_id", String.valueOf(event.tenantId()));
        MDC.put("thread_id", String.valueOf(event.threadId()));
        try {
            long backoff = firstBackoff.toMillis();
            for (int attempt = 1; ; attempt++) {
                try {
                    handler.handle(event);
                    return;
                } catch (MalformedEventException e) {
                    deadLetters.publish(record, consumerName, e);
                    return;
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    if (attempt >= maxAttempts) {
                        LOG.error("{} failed {} times on {} ({}); dead-lettering", consumerName, attempt, event.id(), event.type(), e);
                        deadLetters.publish(record, consumerName, e);
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
}
