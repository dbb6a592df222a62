package dev.agenticchat.notification.metrics;

import dev.agenticchat.support.metrics.BoundedLabel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;

/**
 * Mails sent and failed (once per mail request, after its retries) by template, and webhook
 * delivery attempts that got a 2xx or did not ({@code reason}: the status class, or
 * {@code no_answer}). Templates are named by requests, so the label is capped.
 */
@Context
public class NotificationMetrics {
    private final MeterRegistry registry;
    private final BoundedLabel templates = new BoundedLabel(50);

    NotificationMetrics(MeterRegistry registry) {
        this.registry = registry;
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
        Counter.builder("agentic.mails.failed")
                .description("Mails given up on, by template and reason")
                .tag("template", templates.of(template))
                .tag("reason", failureCode == null ? "unknown" : failureCode)
                .register(registry)
                .increment();
    }

    /** One delivery attempt: {@code statusCode} null when the target did not answer. */
    public void webhookAttempt(boolean delivered, Integer statusCode) {
        if (delivered) {
            Counter.builder("agentic.webhooks.sent")
                    .description("Webhook delivery attempts the target answered with a 2xx")
                    .register(registry)
                    .increment();
            return;
        }
        Counter.builder("agentic.webhooks.failed")
                .description("Webhook delivery attempts that failed, by status class or no_answer (retried per the schedule)")
                .tag("reason", statusCode == null ? "no_answer" : (statusCode / 100) + "xx")
                .register(registry)
                .increment();
    }
}
