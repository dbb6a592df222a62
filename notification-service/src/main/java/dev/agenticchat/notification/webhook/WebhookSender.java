package dev.agenticchat.notification.webhook;

import dev.agenticchat.notification.email.ParamSealer;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLSocketFactory;

/**
 * POSTs one delivery, signed per Standard Webhooks ({@code webhook-id}, {@code webhook-timestamp},
 * {@code webhook-signature}), to the address {@link TargetPolicy} vetted for it, all of it within
 * the delivery deadline. Redirects are not followed: they could lead anywhere.
 */
@Singleton
class WebhookSender {
    static final String CONTENT_TYPE = "application/cloudevents+json";
    private static final int MAX_ERROR = 300;

    private final ParamSealer sealer;
    private final WebhookSettings settings;
    private final HostResolver resolver;
    private final Clock clock;
    private final ScheduledExecutorService watchdog;
    private final PinnedHttp http;

    WebhookSender(ParamSealer sealer, WebhookSettings settings, HostResolver resolver, Clock clock) {
        this.sealer = sealer;
        this.settings = settings;
        this.resolver = resolver;
        this.clock = clock;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "webhook-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        this.http = new PinnedHttp(watchdog, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    DeliveryResult send(ClaimedDelivery delivery) {
        URI target = URI.create(delivery.url());
        InetAddress address;
        try {
            address = TargetPolicy.vet(target, settings.isAllowPrivateTargets(), resolver);
        } catch (IllegalArgumentException e) {
            return new DeliveryResult(false, null, e.getMessage());
        }
        String id = delivery.id().toString();
        long timestamp = clock.instant().getEpochSecond();
        String signature = WebhookSignatures.sign(sealer.unseal(delivery.sealedSecret()), id, timestamp, delivery.payload());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", CONTENT_TYPE);
        headers.put("User-Agent", "agentic-chat-webhooks/1");
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", String.valueOf(timestamp));
        headers.put("webhook-signature", signature);
        try {
            int status = http.post(target, address, headers, delivery.payload().getBytes(StandardCharsets.UTF_8),
                    settings.getDeliveryDeadline(), settings.getMaxResponseBytes());
            return new DeliveryResult(status >= 200 && status < 300, status, status >= 300 ? "HTTP " + status : null);
        } catch (PinnedHttp.DeadlinePassed e) {
            return new DeliveryResult(false, null, "no complete answer within the delivery deadline of "
                    + settings.getDeliveryDeadline().toMillis() + " ms");
        } catch (ConnectException e) {
            return new DeliveryResult(false, null, "connection refused");
        } catch (IOException e) {
            String error = e.toString();
            return new DeliveryResult(false, null, error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR));
        }
    }

    @PreDestroy
    void stop() {
        watchdog.shutdownNow();
    }
}
