package dev.agenticchat.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;

/** A requested mail was given up on; {@code code} says why. Ids only: no address, subject or body. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmailFailed(String emailId, String requestId, String tenantId, @Nullable String userId, String template,
                          String code, int attempts, Instant failedAt) implements NotificationEvent {

    public static final String TYPE = "dev.agenticchat.notification.email.failed";
    /** The provider refused the mail for good (a 4xx other than 429, an SMTP 5xx). */
    public static final String REJECTED = "rejected";
    /** Every attempt met a transient failure (429, 5xx, unreachable provider). */
    public static final String RETRIES_EXHAUSTED = "retries_exhausted";
    /** The request named a template or parameters this service cannot render. */
    public static final String INVALID_REQUEST = "invalid_request";

    @Override
    public String eventType() {
        return TYPE;
    }
}
