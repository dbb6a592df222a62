package dev.agenticchat.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;

/** The provider accepted a requested mail. Ids only: no address, subject or body. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmailSent(String emailId, String requestId, String tenantId, @Nullable String userId, String template,
                        int attempts, Instant sentAt) implements NotificationEvent {

    public static final String TYPE = "dev.agenticchat.notification.email.sent";

    @Override
    public String eventType() {
        return TYPE;
    }
}
