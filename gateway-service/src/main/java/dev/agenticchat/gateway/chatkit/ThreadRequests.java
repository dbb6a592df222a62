package dev.agenticchat.gateway.chatkit;

import dev.agenticchat.gateway.ws.ChatServiceClient;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code threads.get_by_id}, {@code threads.list}, {@code threads.update}, {@code threads.delete}:
 * chat-service's threads of the caller, asked with the caller's token.
 */
@Singleton
class ThreadRequests {
    private final ChatServiceClient chat;
    private final History history;

    ThreadRequests(ChatServiceClient chat, History history) {
        this.chat = chat;
        this.history = history;
    }

    /** The thread with its first 20 items, oldest first. */
    CompletableFuture<MutableHttpResponse<?>> getById(Call call) {
        String threadId = call.id("thread_id", "thread");
        return chat.threadView(call.token(), threadId).thenCompose(reply -> {
            Map<String, Object> view = ok(reply);
            return history.page(call, threadId, 20, true, null)
                    .thenApply(items -> HttpResponse.ok(Items.thread(view, items)));
        });
    }

    /**
     * Most recently active first, whatever {@code order} asks (chat-service keeps no other order);
     * {@code after} is chat-service's cursor, which a client only hands back.
     */
    @SuppressWarnings("unchecked")
    CompletableFuture<MutableHttpResponse<?>> list(Call call) {
        call.ascending();
        return chat.threads(call.token(), call.optionalText("after"), call.limit()).thenApply(reply -> {
            Map<String, Object> page = ok(reply);
            List<Object> threads = new ArrayList<>();
            if (page.get("items") instanceof List<?> items) {
                items.forEach(item -> threads.add(Items.thread((Map<String, Object>) item, Wire.Page.empty())));
            }
            Object next = page.get("next_cursor");
            return HttpResponse.ok(new Wire.Page(threads, next != null, next == null ? null : String.valueOf(next)));
        });
    }

    CompletableFuture<MutableHttpResponse<?>> update(Call call) {
        String threadId = call.id("thread_id", "thread");
        return chat.renameThread(call.token(), threadId, call.text("title"))
                .thenApply(reply -> HttpResponse.ok(Items.thread(ok(reply), Wire.Page.empty())));
    }

    CompletableFuture<MutableHttpResponse<?>> delete(Call call) {
        return chat.deleteThread(call.token(), call.id("thread_id", "thread")).thenApply(reply -> {
            if (!(reply instanceof ChatServiceClient.Reply.Ok<String>)) {
                throw Refusal.of(reply, "thread");
            }
            return HttpResponse.ok(Map.of());
        });
    }

    static Map<String, Object> ok(ChatServiceClient.Reply<Map<String, Object>> reply) {
        if (reply instanceof ChatServiceClient.Reply.Ok<Map<String, Object>> ok && ok.body() != null) {
            return ok.body();
        }
        throw Refusal.of(reply, "thread");
    }
}
