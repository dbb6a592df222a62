package dev.agenticchat.gateway.chatkit;

import dev.agenticchat.gateway.ws.ChatServiceClient;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;

/**
 * {@code items.feedback}: refused with 501 ({@code allow_retry: false}) after the thread is found
 * to be the caller's: the suite keeps no feedback on messages yet (docs/chatkit.md, "Not supported").
 */
@Singleton
class FeedbackRequests {
    private final ChatServiceClient chat;

    FeedbackRequests(ChatServiceClient chat) {
        this.chat = chat;
    }

    CompletableFuture<MutableHttpResponse<?>> feedback(Call call) {
        return chat.thread(call.token(), call.text("thread_id")).thenApply(reply -> {
            if (!(reply instanceof ChatServiceClient.Reply.Ok<String>)) {
                throw Refusal.of(reply, "thread");
            }
            throw new Refusal(HttpStatus.NOT_IMPLEMENTED, "feedback is not kept by this server", false, null);
        });
    }
}
