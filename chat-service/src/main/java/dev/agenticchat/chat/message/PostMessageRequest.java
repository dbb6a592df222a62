package dev.agenticchat.chat.message;

import dev.agenticchat.chat.attachment.AttachmentService;
import dev.agenticchat.chat.thread.AgentClient;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * A user message as the gateway forwards it, with the ids of the caller's uploads it attaches
 * (at most ten, each once; checked when it is stored); no thread id starts a new thread, bound to
 * {@code agent} when given (only then: a thread keeps the agent it was created with). Postgres
 * TEXT cannot hold U+0000, so content with it is refused (400) rather than failing (500).
 */
@Serdeable
public record PostMessageRequest(@Nullable UUID threadId,
                                 @NotBlank @Size(max = 32000)
                                 @Pattern(regexp = "[^\\x00]*", message = "must not contain NUL characters (U+0000)")
                                 String content,
                                 @NotBlank @Size(max = 100) String clientMessageId,
                                 @Nullable @Pattern(regexp = AgentClient.SLUG, message = AgentClient.SLUG_MESSAGE) String agent,
                                 @Nullable @Size(max = AttachmentService.MAX_PER_MESSAGE)
                                 List<@NotBlank @Size(max = 100) String> attachmentIds) {

    /** The attachments to link, in the order given; empty when none. */
    List<String> attachments() {
        return attachmentIds == null ? List.of() : attachmentIds;
    }
}
