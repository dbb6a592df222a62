package dev.agenticchat.gateway.chatkit;

import dev.agenticchat.gateway.ws.ChatServiceClient;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code attachments.delete} deletes the caller's upload in chat-service. {@code attachments.create}
 * (the two-phase upload) is refused: chat-service names an attachment when its bytes arrive, so it
 * has no id to give before the upload; ChatKit's direct upload ({@link UploadController}) works instead
 * (docs/chatkit.md).
 */
@Singleton
class AttachmentRequests {
    private final ChatServiceClient chat;

    AttachmentRequests(ChatServiceClient chat) {
        this.chat = chat;
    }

    CompletableFuture<MutableHttpResponse<?>> create(Call call) {
        throw new Refusal(HttpStatus.NOT_IMPLEMENTED, "two-phase uploads are not supported: use the direct upload "
                + "(uploadStrategy {type: \"direct\", uploadUrl: \"/chatkit/attachments\"})", false, null);
    }

    CompletableFuture<MutableHttpResponse<?>> delete(Call call) {
        return chat.deleteAttachment(call.token(), call.id("attachment_id", "attachment")).thenApply(reply -> {
            if (!(reply instanceof ChatServiceClient.Reply.Ok<String>)) {
                throw Refusal.of(reply, "attachment");
            }
            return HttpResponse.ok(Map.of());
        });
    }
}
