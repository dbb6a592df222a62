package dev.agenticchat.chat.attachment;

import dev.agenticchat.contracts.events.MessagePosted;
import io.micronaut.serde.annotation.Serdeable;
import java.util.UUID;

/** An attachment as a message shows it (views, export, the {@code MessagePosted} event). */
@Serdeable
public record AttachedFile(UUID id, String name, String contentType, String kind, long sizeBytes) {

    public MessagePosted.Attachment toEvent() {
        return new MessagePosted.Attachment(id.toString(), name, contentType, kind, sizeBytes);
    }
}
