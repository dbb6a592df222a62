package dev.agenticchat.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;

/**
 * A tenant's agent got a new version ({@code created}, {@code updated}) or was {@code deleted};
 * for a deletion the agent's fields are those of its last version. Deliberately without the
 * system prompt or anything else that may be secret: a consumer that needs the whole
 * configuration asks agent-service. {@code changedBy} is the tenant admin's user id, absent when
 * the service itself made the change (a default agent's first version).
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentConfigChanged(String agentId, String tenantId, String slug, int version, String change, String name,
                                 String status, String provider, String model, @Nullable String changedBy,
                                 Instant changedAt) implements AgentConfigEvent {

    public static final String TYPE = "dev.agenticchat.agent.config.changed";
    /** The agent's first version. */
    public static final String CREATED = "created";
    /** A later version. */
    public static final String UPDATED = "updated";
    /** The agent and its versions are gone. */
    public static final String DELETED = "deleted";

    @Override
    public String eventType() {
        return TYPE;
    }
}
