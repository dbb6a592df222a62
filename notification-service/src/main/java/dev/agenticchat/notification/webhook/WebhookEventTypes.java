package dev.agenticchat.notification.webhook;

import dev.agenticchat.contracts.events.ArtifactEvent;
import dev.agenticchat.contracts.events.BudgetEvent;
import dev.agenticchat.contracts.events.EventTypes;
import dev.agenticchat.contracts.events.RetrievalEvent;
import dev.agenticchat.contracts.events.TurnCompleted;
import dev.agenticchat.contracts.events.TurnFailed;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The event types a webhook can subscribe to: durable outcomes only (artifacts, finished or
 * failed turns, documents indexed or failed, budgets reaching 80 % or 100 %), never stream deltas
 * or progress.
 */
final class WebhookEventTypes {
    static final String ALL = "*";
    static final Set<String> DELIVERABLE = deliverable();

    private WebhookEventTypes() {
    }

    private static Set<String> deliverable() {
        Set<String> types = new TreeSet<>(Set.of(TurnCompleted.TYPE, TurnFailed.TYPE));
        EventTypes.all().forEach((type, eventClass) -> {
            if (ArtifactEvent.class.isAssignableFrom(eventClass) || BudgetEvent.class.isAssignableFrom(eventClass)
                    || (RetrievalEvent.class.isAssignableFrom(eventClass) && (type.endsWith(".indexed") || type.endsWith(".failed")))) {
                types.add(type);
            }
        });
        return Set.copyOf(types);
    }

    static boolean subscribed(Collection<String> subscribedTypes, String type) {
        return DELIVERABLE.contains(type) && (subscribedTypes.contains(ALL) || subscribedTypes.contains(type));
    }
}
