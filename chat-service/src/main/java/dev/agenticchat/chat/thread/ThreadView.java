package dev.agenticchat.chat.thread;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A thread as clients see it; {@code agent} is null (sent as such) for the tenant's default agent. */
@Serdeable
public record ThreadView(UUID id, String title, @JsonInclude(JsonInclude.Include.ALWAYS) List<String> knowledgeBaseIds,
                         @Nullable @JsonInclude(JsonInclude.Include.ALWAYS) String agent, Instant createdAt, Instant updatedAt) {
    static ThreadView of(ChatThread thread) {
        return new ThreadView(thread.id(), thread.title(), thread.knowledgeBases(), thread.agent(), thread.createdAt(),
                thread.updatedAt());
    }
}
