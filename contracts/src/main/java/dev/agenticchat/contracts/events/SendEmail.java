package dev.agenticchat.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.Map;

/**
 * Asks notification-service to render {@code template} with {@code params} and mail it to
 * {@code to}. Sending happens later, with retries, so a slow provider never slows the requester;
 * the outcome is an {@link EmailSent} or {@link EmailFailed} naming this request's event id.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SendEmail(String template, String to, @Nullable String locale, Map<String, String> params,
                        String tenantId, @Nullable String userId) implements NotificationRequest {

    public static final String TYPE = "dev.agenticchat.notification.email.send_requested";

    @Override
    public String eventType() {
        return TYPE;
    }
}
