package dev.agenticchat.notification.metrics;

import dev.agenticchat.contracts.events.EmailFailed;
import dev.agenticchat.support.metrics.BoundedLabel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import java.util.List;

/**
 * Mails sent (by template) and given up on (by reason), once per mail request after its retries,
 * and webhook delivery attempts that got a 2xx or did not ({@code reason}: the status class, or
 * {@code no_answer}). Templates are named by requests, so that label is capped. The failure
 * series exist from the start at 0, so an alert on their rate has something to read.
 */
@Context
public class NotificationMetrics {
    private final MeterRegistry registry;
    private final BoundedLabel templates = new BoundedLabel(50);
    private final Counter webhooksSent;

    NotificationMetrics(MeterRegistry registry) {
        this.registry = registry;
        List.of(EmailFailed.INVALID_REQUEST, EmailFailed.REJECTED, EmailFailed.RETRIES_EXHAUSTED).forEach(this::mailsFailed);
        List.of("no_answer", "3xx", "4xx", "5xx").forEach(this::webhooksFailed);
        this.webhooksSent = Counter.builder("agentic.webhooks.sent")
                .description("Webhook delivery attempts the target answered with a 2xx")
                .register(registry);
    }

    /** A mail request is done: sent, or given up with EmailFailed's code (invalid_request, rejected, retries_exhausted). */
    public void mailClosed(String template, boolean sent, String failureCode) {
        if (sent) {
            Counter.builder("agentic.mails.sent")
                    .description("Mails the transport accepted, by template")
                    .tag("template", templates.of(template))
                    .register(registry)
                    .increment();
            return;
        }
        mailsFailed(failureCode == null ? "unknown" : failureCode).increment();
    }

    /** One delivery attempt: {@code statusCode} null when the target did not answer. */
    public void webhookAttempt(boolean delivered, Integer statusCode) {
        if (delivered) {
            webhooksSent.increment();
            return;
        }
        webhooksFailed(statusCode == null ? "no_answer" : (statusCode / 100) + "xx").increment();
    }

    private Counter mailsFailed(String reason) {
        return Counter.builder("agentic.mails.failed")
                .description("Mails given up on, by reason")
                .tag("reason", reason)
                .register(registry);
    }

    private Counter webhooksFailed(String reason) {
        return Counter.builder("agentic.webhooks.failed")
                .description("Webhook delivery attempts that failed, by status class or no_answer (retried per the schedule)")
                .tag("reason", reason)
                .register(registry);
    }
}
