package dev.agenticchat.chat.attachment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/** An attachment's metadata as its owner sees it; thread and message null (sent as such) until a message names it. */
@Serdeable
record AttachmentView(UUID id, String name, String contentType, String kind, long sizeBytes, Instant createdAt,
                      @Nullable @JsonInclude(JsonInclude.Include.ALWAYS) UUID threadId,
                      @Nullable @JsonInclude(JsonInclude.Include.ALWAYS) UUID messageId) {

    static AttachmentView of(Attachment attachment) {
        return new AttachmentView(attachment.id(), attachment.name(), attachment.contentType(), attachment.kind(),
                attachment.sizeBytes(), attachment.createdAt(), attachment.threadId(), attachment.messageId());
    }
}
