package dev.agenticchat.notification.webhook;

import dev.agenticchat.support.events.EventEnvelope;
import dev.agenticchat.support.inbox.Inbox;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Queues a deliverable event for every active subscription of its tenant that wants it, as a
 * CloudEvents structured-mode JSON body, in one transaction with the inbox entry.
 */
@Singleton
class WebhookEventHandler {
    private final WebhookRepository repository;
    private final Inbox inbox;
    private final JsonMapper json;
    private final Clock clock;

    WebhookEventHandler(WebhookRepository repository, Inbox inbox, JsonMapper json, Clock clock) {
        this.repository = repository;
        this.inbox = inbox;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    void apply(EventEnvelope event) throws IOException {
        if (!WebhookEventTypes.DELIVERABLE.contains(event.type()) || event.tenantId() == null) {
            return;
        }
        List<Subscription> subscribers = repository.activeByTenant(event.tenantId()).stream()
                .filter(s -> WebhookEventTypes.subscribed(s.eventTypes(), event.type()))
                .toList();
        // Most tenants have no webhooks: their events leave no trace, not even an inbox row.
        if (subscribers.isEmpty() || !inbox.firstDelivery(WebhookEventsListener.GROUP, event.id())) {
            return;
        }
        String payload = structured(event);
        Instant now = clock.instant();
        subscribers.forEach(s -> repository.enqueue(s.id(), event.id(), event.type(), payload, now));
    }

    /** The event in CloudEvents structured content mode, extensions included. */
    private String structured(EventEnvelope event) throws IOException {
        Map<String, Object> cloudEvent = new LinkedHashMap<>();
        cloudEvent.put("specversion", "1.0");
        cloudEvent.put("id", event.id());
        cloudEvent.put("source", event.source());
        cloudEvent.put("type", event.type());
        cloudEvent.put("time", event.time().toString());
        putIfPresent(cloudEvent, "subject", event.subject());
        cloudEvent.put("datacontenttype", "application/json");
        cloudEvent.put("tenantid", event.tenantId());
        putIfPresent(cloudEvent, "userid", event.userId());
        putIfPresent(cloudEvent, "threadid", event.threadId());
        cloudEvent.put("data", json.readValue(event.data(), Argument.OBJECT_ARGUMENT));
        return json.writeValueAsString(cloudEvent);
    }

    private static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
