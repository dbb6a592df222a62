package dev.agenticchat.chat.thread;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A conversation (named ChatThread so it does not shadow {@code java.lang.Thread}). */
@MappedEntity("threads")
record ChatThread(@Id UUID id, String tenantId, String userId, String title, Instant createdAt, Instant updatedAt) {

    ChatThread withTitle(String newTitle, Instant now) {
        return new ChatThread(id, tenantId, userId, newTitle, createdAt, now);
    }
}
