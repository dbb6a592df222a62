package dev.agenticchat.contracts.events;

import io.micronaut.core.annotation.Nullable;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;

/** A user's message was stored; an agent worker answers it. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessagePosted(
        String messageId,
        String threadId,
        String tenantId,
        String userId,
        String content,
        @Nullable String clientMessageId,
        Instant createdAt) implements ChatEvent {

    public static final String TYPE = "dev.agenticchat.chat.message.posted";

    @Override
    public String eventType() {
        return TYPE;
    }
}
