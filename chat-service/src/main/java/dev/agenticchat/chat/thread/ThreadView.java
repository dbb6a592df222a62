package dev.agenticchat.chat.thread;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Serdeable
public record ThreadView(UUID id, String title, @JsonInclude(JsonInclude.Include.ALWAYS) List<String> knowledgeBaseIds, Instant createdAt, Instant updatedAt) {
    static ThreadView of(ChatThread thread) {
        return new ThreadView(thread.id(), thread.title(), thread.knowledgeBases(), thread.createdAt(), thread.updatedAt());
    }
}
