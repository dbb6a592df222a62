package dev.agenticchat.chat.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.agenticchat.chat.attachment.AttachedFile;
import dev.agenticchat.contracts.events.TurnCompleted;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A message as clients see it; the turn's usage, cost, artifacts and citations on assistant messages only;
 * {@code attachments} always (empty when none), in the order the message named them.
 */
@Serdeable
public record MessageView(UUID id, UUID threadId, String role, String content, @Nullable String clientMessageId,
                          @Nullable String turnId, Instant createdAt, @Nullable TurnCompleted.Usage usage,
                          @Nullable TurnCompleted.Cost cost, @Nullable List<String> artifactIds,
                          @Nullable List<TurnCompleted.Citation> citations,
                          @JsonInclude(JsonInclude.Include.ALWAYS) List<AttachedFile> attachments) {

    static MessageView of(Message message, List<AttachedFile> attachments) {
        MessageMetadata metadata = message.metadata();
        return new MessageView(message.id(), message.threadId(), message.role(), message.content(),
                message.clientMessageId(), message.turnId(), message.createdAt(),
                metadata == null ? null : metadata.usage(), metadata == null ? null : metadata.cost(),
                metadata == null ? null : metadata.artifactIds(), metadata == null ? null : metadata.citations(),
                List.copyOf(attachments));
    }
}
