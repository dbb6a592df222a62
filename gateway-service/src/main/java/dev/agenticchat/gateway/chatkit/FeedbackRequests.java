package dev.agenticchat.gateway.chatkit;

import dev.agenticchat.gateway.ws.ChatServiceClient;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code items.feedback}: chat-service keeps the rating on each answer named (its {@code PUT
 * /api/threads/{id}/feedback}); an item that is not an answer of the caller's thread refuses the lot.
 */
@Singleton
class FeedbackRequests {
    private final ChatServiceClient chat;

    FeedbackRequests(ChatServiceClient chat) {
        this.chat = chat;
    }

    CompletableFuture<MutableHttpResponse<?>> feedback(Call call) {
        String threadId = call.id("thread_id", "thread");
        String kind = call.text("kind");
        if (!(call.params().get("item_ids") instanceof List<?> ids) || ids.isEmpty()) {
            throw Refusal.badRequest("params.item_ids is required (a non-empty list of item ids)");
        }
        return chat.rate(call.token(), threadId, ids.stream().map(String::valueOf).toList(), kind).thenApply(reply -> {
            if (!(reply instanceof ChatServiceClient.Reply.Ok<String>)) {
                throw Refusal.of(reply, "thread or item");
            }
            return HttpResponse.ok(Map.of());
        });
    }
}
