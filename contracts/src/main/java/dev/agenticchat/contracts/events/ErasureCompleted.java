package dev.agenticchat.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;

/** {@code service} deleted everything it held for the users of erasure {@code erasureId}. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErasureCompleted(String erasureId, String tenantId, String service, Instant completedAt)
        implements IdentityEvent {

    public static final String TYPE = "dev.agenticchat.identity.erasure.completed";

    @Override
    public String eventType() {
        return TYPE;
    }
}
