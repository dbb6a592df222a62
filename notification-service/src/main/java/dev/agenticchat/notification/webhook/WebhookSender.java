package dev.agenticchat.notification.webhook;

import dev.agenticchat.notification.email.ParamSealer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;

/**
 * POSTs one delivery, signed per Standard Webhooks ({@code webhook-id}, {@code webhook-timestamp},
 * {@code webhook-signature}). Redirects are not followed: they could lead anywhere.
 */
@Singleton
class WebhookSender {
    static final String CONTENT_TYPE = "application/cloudevents+json";
    private static final int MAX_ERROR = 300;

    private final HttpClient http;
    private final ParamSealer sealer;
    private final WebhookSettings settings;
    private final Clock clock;

    WebhookSender(ParamSealer sealer, WebhookSettings settings, Clock clock) {
        this.sealer = sealer;
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.getTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    DeliveryResult send(ClaimedDelivery delivery) throws InterruptedException {
        URI target = URI.create(delivery.url());
        try {
            TargetPolicy.check(target, settings.isAllowPrivateTargets());
        } catch (IllegalArgumentException e) {
            return new DeliveryResult(false, null, e.getMessage());
        }
        String id = delivery.id().toString();
        long timestamp = clock.instant().getEpochSecond();
        String signature = WebhookSignatures.sign(sealer.unseal(delivery.sealedSecret()), id, timestamp, delivery.payload());
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(settings.getTimeout())
                .header("Content-Type", CONTENT_TYPE)
                .header("User-Agent", "agentic-chat-webhooks/1")
                .header("webhook-id", id)
                .header("webhook-timestamp", String.valueOf(timestamp))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(delivery.payload()))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return new DeliveryResult(status >= 200 && status < 300, status, status >= 300 ? "HTTP " + status : null);
        } catch (IOException e) {
            String error = e.toString();
            return new DeliveryResult(false, null, error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR));
        }
    }
}
