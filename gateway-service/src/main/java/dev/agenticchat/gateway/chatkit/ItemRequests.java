package dev.agenticchat.gateway.chatkit;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;

/** {@code items.list}: a page of the thread's history (§2.2). */
@Singleton
class ItemRequests {
    private final History history;

    ItemRequests(History history) {
        this.history = history;
    }

    CompletableFuture<MutableHttpResponse<?>> list(Call call) {
        return history.page(call, call.id("thread_id", "thread"), call.limit(), call.ascending(), call.optionalText("after"))
                .thenApply(HttpResponse::ok);
    }
}
