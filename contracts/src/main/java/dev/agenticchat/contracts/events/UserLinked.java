package dev.agenticchat.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;

/**
 * An anonymous session proved an email address: everything held for {@code fromUserId}
 * now belongs to {@code toUserId} (the person), in the same tenant. Services that key data
 * by user move it, idempotently; tokens of {@code fromUserId} stop working at the gateway.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserLinked(String tenantId, String fromUserId, String toUserId, Instant linkedAt) implements IdentityEvent {

    public static final String TYPE = "dev.agenticchat.identity.user.linked";

    @Override
    public String eventType() {
        return TYPE;
    }
}
