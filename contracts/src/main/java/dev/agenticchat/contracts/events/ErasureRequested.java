package dev.agenticchat.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;
import java.util.List;

/**
 * A person proved their email address and asked for their data to be erased in a tenant.
 * {@code userIds} are every user id that was ever theirs there (the person and the anonymous
 * sessions linked to it; empty when the address never linked a session). {@code emailSha256}
 * (hex SHA-256 of the trimmed, lower-cased address) lets a service find what it keeps by
 * address (codes, mail logs) without the address travelling; it is null when the gateway erases
 * anonymous sessions idle past its retention, which never proved an address. Every service
 * deletes what it holds for them and answers with {@link ErasureCompleted}; a service that is
 * down does it when it is back.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErasureRequested(String erasureId, String tenantId, List<String> userIds, @Nullable String emailSha256,
                               Instant requestedAt) implements IdentityEvent {

    public static final String TYPE = "dev.agenticchat.identity.erasure.requested";

    @Override
    public String eventType() {
        return TYPE;
    }
}
