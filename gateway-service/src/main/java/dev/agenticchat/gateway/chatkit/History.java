package dev.agenticchat.gateway.chatkit;

import dev.agenticchat.gateway.ws.ChatServiceClient;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A thread's items, read from chat-service's history (oldest first) and paged as ChatKit pages
 * (§4.1): in either order, {@code after} = the id of the previous page's last item. chat-service
 * pages oldest first only, so the whole history is read (at most {@link #MAX_MESSAGES} messages)
 * and paged here.
 */
@Singleton
class History {
    static final int MAX_MESSAGES = 2000;
    private static final int CHUNK = 200;

    private final ChatServiceClient chat;
    private final Artifacts artifacts;

    History(ChatServiceClient chat, Artifacts artifacts) {
        this.chat = chat;
        this.artifacts = artifacts;
    }

    /** Every stored message of the thread, oldest first; a {@link Refusal} when it is not the caller's. */
    CompletableFuture<List<Map<String, Object>>> messages(String token, String threadId) {
        return read(token, threadId, null, new ArrayList<>());
    }

    @SuppressWarnings("unchecked")
    private CompletableFuture<List<Map<String, Object>>> read(String token, String threadId, @Nullable String cursor,
                                                              List<Map<String, Object>> sofar) {
        return chat.messages(token, threadId, cursor, CHUNK).thenCompose(reply -> {
            if (!(reply instanceof ChatServiceClient.Reply.Ok<Map<String, Object>> ok) || ok.body() == null) {
                throw Refusal.of(reply, "thread");
            }
            if (ok.body().get("items") instanceof List<?> items) {
                items.forEach(item -> sofar.add((Map<String, Object>) item));
            }
            Object next = ok.body().get("next_cursor");
            return next == null || sofar.size() >= MAX_MESSAGES
                    ? CompletableFuture.completedFuture(sofar) : read(token, threadId, String.valueOf(next), sofar);
        });
    }

    /** The thread's items, one page of them; the page's artifacts drawn as they were live. */
    CompletableFuture<Wire.Page> page(Call call, String threadId, int limit, boolean ascending, @Nullable String after) {
        return messages(call.token(), threadId).thenCompose(messages -> {
            List<Object> items = new ArrayList<>();
            messages.forEach(message -> items.addAll(Items.of(message, call.widgets())));
            Wire.Page page = page(items, limit, ascending, after);
            List<CompletableFuture<Object>> drawn = page.data().stream().map(item -> draw(call, item)).toList();
            return CompletableFuture.allOf(drawn.toArray(CompletableFuture[]::new)).thenApply(done ->
                    new Wire.Page(drawn.stream().map(CompletableFuture::join).toList(), page.hasMore(), page.after()));
        });
    }

    /** A link card of the history replaced by the artifact's widget, when artifact-service has it for the caller. */
    private CompletableFuture<Object> draw(Call call, Object item) {
        if (!(item instanceof Wire.Widget card)) {
            return CompletableFuture.completedFuture(item);
        }
        return artifacts.find(call.token(), card.id()).thenApply(found -> found.<Object>map(artifact ->
                new Wire.Widget(card.id(), card.threadId(), card.createdAt(), call.widgets().of(artifact), artifact.title()))
                .orElse(card));
    }

    static Wire.Page page(List<Object> oldestFirst, int limit, boolean ascending, @Nullable String after) {
        List<Object> ordered = new ArrayList<>(oldestFirst);
        if (!ascending) {
            java.util.Collections.reverse(ordered);
        }
        int from = 0;
        if (after != null) {
            int at = indexOf(ordered, after);
            if (at < 0) {
                throw Refusal.badRequest("params.after is not an item of this thread");
            }
            from = at + 1;
        }
        List<Object> data = ordered.subList(from, Math.min(ordered.size(), from + limit));
        boolean more = from + limit < ordered.size();
        return new Wire.Page(List.copyOf(data), more, more ? idOf(data.get(data.size() - 1)) : null);
    }

    private static int indexOf(List<Object> items, String id) {
        for (int i = 0; i < items.size(); i++) {
            if (id.equals(idOf(items.get(i)))) {
                return i;
            }
        }
        return -1;
    }

    private static String idOf(Object item) {
        return ((Wire.Item) item).id();
    }
}
