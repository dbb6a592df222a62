package dev.agenticchat.chat.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.agenticchat.chat.attachment.AttachedFile;
import dev.agenticchat.chat.message.MessageView;
import dev.agenticchat.contracts.events.TurnCompleted;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A message as the JSON export writes it: the history's message with its artifacts as links, and
 * citations and artifacts always present (empty on user messages), and the files the message attached.
 */
@Serdeable
record ExportedMessage(UUID id, String role, String content, Instant createdAt, @Nullable String turnId,
                       @Nullable TurnCompleted.Usage usage, @Nullable TurnCompleted.Cost cost,
                       @JsonInclude(JsonInclude.Include.ALWAYS) List<TurnCompleted.Citation> citations,
                       @JsonInclude(JsonInclude.Include.ALWAYS) List<Artifact> artifacts,
                       @JsonInclude(JsonInclude.Include.ALWAYS) List<AttachedFile> attachments) {

    static ExportedMessage of(MessageView message) {
        return new ExportedMessage(message.id(), message.role(), message.content(), message.createdAt(), message.turnId(),
                message.usage(), message.cost(), citationsOf(message), artifactIdsOf(message).stream().map(Artifact::of).toList(),
                message.attachments());
    }

    static List<TurnCompleted.Citation> citationsOf(MessageView message) {
        return message.citations() == null ? List.of() : message.citations();
    }

    static List<String> artifactIdsOf(MessageView message) {
        return message.artifactIds() == null ? List.of() : message.artifactIds();
    }

    /** An artifact the answer created or changed, and where the API serves it. */
    @Serdeable
    record Artifact(String id, String url) {
        static Artifact of(String id) {
            return new Artifact(id, ArtifactLinks.of(id));
        }
    }
}
