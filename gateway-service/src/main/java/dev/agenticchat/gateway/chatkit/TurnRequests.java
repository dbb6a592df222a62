package dev.agenticchat.gateway.chatkit;

import dev.agenticchat.gateway.stream.ThreadStreams;
import dev.agenticchat.gateway.stream.ThreadSubscription;
import dev.agenticchat.gateway.ws.ChatServiceClient;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.sse.Event;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Flux;

/**
 * The streaming requests: each posts a user message to chat-service (as the web app does) and
 * streams the turn answering it from the thread's one stream ({@link ThreadStreams}), so the agent,
 * the limits and the stored history are the suite's own. What the suite cannot do is refused:
 * it has no client-side tools ({@code threads.add_client_tool_output}) and its widgets carry no
 * server actions ({@code threads.custom_action}).
 */
@Singleton
class TurnRequests {
    private final ChatServiceClient chat;
    private final ThreadStreams streams;
    private final History history;
    private final JsonMapper json;

    TurnRequests(ChatServiceClient chat, ThreadStreams streams, History history, JsonMapper json) {
        this.chat = chat;
        this.streams = streams;
        this.history = history;
        this.json = json;
    }

    /** A new thread with the tenant's default agent: {@code thread.created}, the user message, its answer. */
    CompletableFuture<MutableHttpResponse<?>> create(Call call) {
        Call.Input input = Call.input(call.object("input"));
        return chat.createThread(call.token(), null).thenCompose(created -> {
            Map<String, Object> thread = ThreadRequests.ok(created);
            String threadId = Items.text(thread, "id");
            return post(call, threadId, input).handle((posted, error) -> {
                if (error != null) {
                    chat.deleteThread(call.token(), threadId);
                    throw error instanceof RuntimeException runtime ? runtime : new IllegalStateException(error);
                }
                return stream(call, threadId, posted, new Events.ThreadCreated(Items.thread(thread, Wire.Page.empty())),
                        new Events.ItemDone(userItem(posted, threadId)), new Events.StreamOptions());
            });
        });
    }

    CompletableFuture<MutableHttpResponse<?>> addUserMessage(Call call) {
        String threadId = call.id("thread_id", "thread");
        Call.Input input = Call.input(call.object("input"));
        return post(call, threadId, input).thenApply(posted -> stream(call, threadId, posted,
                new Events.ItemDone(userItem(posted, threadId)), new Events.StreamOptions()));
    }

    /**
     * The suite never deletes messages, so a retry asks again: the user message {@code item_id}'s
     * text is posted anew and answered, after {@code stream_options} and the new user message item.
     */
    CompletableFuture<MutableHttpResponse<?>> retryAfterItem(Call call) {
        String threadId = call.id("thread_id", "thread");
        String itemId = call.id("item_id", "item");
        return history.messages(call.token(), threadId).thenCompose(messages -> {
            Map<String, Object> retried = messages.stream().filter(message -> itemId.equals(message.get("id"))).findFirst()
                    .orElseThrow(() -> Refusal.notFound("item"));
            if (!"user".equals(retried.get("role"))) {
                throw Refusal.badRequest("item " + itemId + " is not a user message: only a user message can be retried");
            }
            return post(call, threadId, new Call.Input(Items.text(retried, "content"), List.of()));
        }).thenApply(posted -> stream(call, threadId, posted, new Events.StreamOptions(),
                new Events.ItemDone(userItem(posted, threadId))));
    }

    CompletableFuture<MutableHttpResponse<?>> addClientToolOutput(Call call) {
        return refuseOnThread(call, "client tools are not supported: the suite's tools run on the server, "
                + "so no client tool call is ever pending");
    }

    CompletableFuture<MutableHttpResponse<?>> customAction(Call call) {
        return refuseOnThread(call, "widget actions are not supported: the suite's widgets carry no actions");
    }

    /** Not found for a thread that is not the caller's, as any request about it; else the refusal. */
    private CompletableFuture<MutableHttpResponse<?>> refuseOnThread(Call call, String message) {
        return chat.thread(call.token(), call.id("thread_id", "thread")).thenApply(reply -> {
            if (!(reply instanceof ChatServiceClient.Reply.Ok<String>)) {
                throw Refusal.of(reply, "thread");
            }
            throw new Refusal(HttpStatus.BAD_REQUEST, message, false, null);
        });
    }

    @SuppressWarnings("unchecked")
    private CompletableFuture<Map<String, Object>> post(Call call, String threadId, Call.Input input) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("content", input.text());
        body.put("client_message_id", "chatkit-" + UUID.randomUUID());
        if (!input.attachmentIds().isEmpty()) {
            body.put("attachment_ids", input.attachmentIds());
        }
        return chat.postToThread(call.token(), threadId, bytes(body)).thenApply(reply -> {
            if (reply instanceof ChatServiceClient.Reply.Ok<Map<String, Object>> ok && ok.body() != null
                    && ok.body().get("message") instanceof Map<?, ?> message && message.get("id") != null) {
                return (Map<String, Object>) message;
            }
            throw Refusal.of(reply, "thread");
        });
    }

    private static Wire.UserMessage userItem(Map<String, Object> message, String threadId) {
        return new Wire.UserMessage(Items.text(message, "id"), threadId, Items.text(message, "created_at"),
                Items.text(message, "content"), Items.attachments(message.get("attachments"), threadId));
    }

    /** {@code first} events, then the turn answering the posted message; the response ends with the turn. */
    private MutableHttpResponse<?> stream(Call call, String threadId, Map<String, Object> posted, Object... first) {
        String messageId = Items.text(posted, "id");
        List<String> opening = new ArrayList<>();
        for (Object event : first) {
            opening.add(new String(bytes(event), java.nio.charset.StandardCharsets.UTF_8));
        }
        Flux<Event<String>> events = Flux.create(sink -> {
            opening.forEach(event -> sink.next(Event.of(event)));
            TurnReader reader = new TurnReader(sink, call.identity(), threadId, messageId,
                    () -> streams.turnAnswering(threadId, messageId), call.widgets(), json);
            ThreadSubscription subscription = streams.subscribeForMessage(threadId, messageId, reader);
            sink.onDispose(subscription::close);
        });
        return HttpResponse.ok(events)
                .contentType(MediaType.TEXT_EVENT_STREAM_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("X-Accel-Buffering", "no");
    }

    private byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
