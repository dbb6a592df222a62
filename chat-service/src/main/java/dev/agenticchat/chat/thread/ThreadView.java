package dev.agenticchat.chat.thread;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

@Serdeable
public record ThreadView(UUID id, String title, Instant createdAt, Instant updatedAt) {
    static ThreadView of(ChatThread thread) {
        return new ThreadView(thread.id(), thread.title(), thread.createdAt(), thread.updatedAt());
    }
}
