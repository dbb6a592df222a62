package dev.agenticchat.chat.message;

import dev.agenticchat.chat.attachment.AttachmentService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * A user message posted to the thread of the path ({@code POST /api/threads/{id}/messages}): the
 * fields and rules of {@link PostMessageRequest} but the thread and its agent, which the thread
 * already has.
 */
@Serdeable
public record ThreadMessageRequest(@NotBlank @Size(max = 32000)
                                   @Pattern(regexp = "[^\\x00]*", message = "must not contain NUL characters (U+0000)")
                                   String content,
                                   @NotBlank @Size(max = 100) String clientMessageId,
                                   @Nullable @Size(max = AttachmentService.MAX_PER_MESSAGE)
                                   List<@NotBlank @Size(max = 100) String> attachmentIds) {

    PostMessageRequest on(UUID threadId) {
        return new PostMessageRequest(threadId, content, clientMessageId, null, attachmentIds);
    }
}
