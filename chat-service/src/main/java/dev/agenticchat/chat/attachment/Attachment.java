package dev.agenticchat.chat.attachment;

import dev.agenticchat.contracts.events.MessagePosted;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.UUID;

/** A stored attachment without its text (read apart: it may be long). */
record Attachment(UUID id, String tenantId, String userId, String name, String contentType, String kind, long sizeBytes,
                  String blobKey, @Nullable UUID threadId, @Nullable UUID messageId, Instant createdAt) {

    boolean isImage() {
        return MessagePosted.Attachment.IMAGE.equals(kind);
    }

    AttachedFile file() {
        return new AttachedFile(id, name, contentType, kind, sizeBytes);
    }
}
