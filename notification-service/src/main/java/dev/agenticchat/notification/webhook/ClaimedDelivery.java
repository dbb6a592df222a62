package dev.agenticchat.notification.webhook;

import java.util.UUID;

/** A due delivery a worker has leased, with what it needs to send it. */
record ClaimedDelivery(UUID id, UUID subscriptionId, String payload, int attempts, String url, String sealedSecret,
                       String subscriptionStatus) {
}
