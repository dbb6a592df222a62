package dev.agenticchat.gateway.ws;

import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.gateway.config.ServiceUrls;
import dev.agenticchat.support.web.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * chat-service, called with the user's own bearer token: it decides what the user may see
 * and post, exactly as for HTTP clients. Never blocks the caller.
 */
@Singleton
public class ChatServiceClient {
    private static final Logger LOG = LoggerFactory.getLogger(ChatServiceClient.class);

    private final HttpClient client;
    private final String baseUrl;

    ChatServiceClient(HttpClient client, ServiceUrls urls) {
        this.client = client;
        String base = urls.chat().toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** What chat-service answered: a body, a refusal (4xx, with its problem), or nothing usable. */
    public sealed interface Reply<T> {
        record Ok<T>(T body, int status) implements Reply<T> {
        }

        /** {@code retryAfterSeconds} from a 429's {@code Retry-After}, else null. */
        record Refused<T>(int status, @Nullable Problem problem, @Nullable Long retryAfterSeconds) implements Reply<T> {
        }

        record Unavailable<T>(String reason) implements Reply<T> {
        }
    }

    @Serdeable
    record PostMessage(@Nullable String threadId, String content, String clientMessageId, @Nullable String agent,
                       List<String> attachmentIds) {
    }

    /** chat-service's answer to a posted message: the stored message, and whether it was a resend. */
    @Serdeable
    record PostedMessage(@Nullable StoredMessage message, @Nullable Boolean duplicate) {
    }

    @Serdeable
    record StoredMessage(@Nullable String id, @Nullable String threadId, @Nullable String content,
                         @Nullable String clientMessageId, @Nullable String createdAt,
                         @Nullable List<MessagePosted.Attachment> attachments) {
    }

    /** Ok if the user may see the thread; chat-service answers 404 for a thread of someone else. */
    public CompletableFuture<Reply<String>> thread(String token, String threadId) {
        return call(HttpRequest.GET(URI.create(baseUrl + "/api/threads/" + threadId)).bearerAuth(token)
                .accept(MediaType.APPLICATION_JSON_TYPE), Argument.STRING);
    }

    /** A user message on a thread of the caller's, the body as the client sent it (chat-service validates it). */
    public CompletableFuture<Reply<Map<String, Object>>> postToThread(String token, String threadId, byte[] body) {
        return call(HttpRequest.POST(URI.create(baseUrl + "/api/threads/" + threadId + "/messages"), body).bearerAuth(token)
                .contentType(MediaType.APPLICATION_JSON_TYPE).accept(MediaType.APPLICATION_JSON_TYPE),
                Argument.mapOf(String.class, Object.class));
    }

    /** The thread as chat-service shows it ({@code id, title, created_at, ...}); 404 for a thread of someone else. */
    public CompletableFuture<Reply<Map<String, Object>>> threadView(String token, String threadId) {
        return call(HttpRequest.GET(URI.create(baseUrl + "/api/threads/" + threadId)).bearerAuth(token)
                .accept(MediaType.APPLICATION_JSON_TYPE), Argument.mapOf(String.class, Object.class));
    }

    /** One page of the caller's threads, most recently active first: {@code items, next_cursor}. */
    public CompletableFuture<Reply<Map<String, Object>>> threads(String token, @Nullable String cursor, int limit) {
        return call(HttpRequest.GET(URI.create(baseUrl + "/api/threads?limit=" + limit + cursorParameter(cursor)))
                .bearerAuth(token).accept(MediaType.APPLICATION_JSON_TYPE), Argument.mapOf(String.class, Object.class));
    }

    /** A new thread of the caller's, with the tenant's default agent. */
    public CompletableFuture<Reply<Map<String, Object>>> createThread(String token, @Nullable String title) {
        return call(HttpRequest.POST(URI.create(baseUrl + "/api/threads"), title == null ? Map.of() : Map.of("title", title))
                .bearerAuth(token).contentType(MediaType.APPLICATION_JSON_TYPE).accept(MediaType.APPLICATION_JSON_TYPE),
                Argument.mapOf(String.class, Object.class));
    }

    public CompletableFuture<Reply<Map<String, Object>>> renameThread(String token, String threadId, String title) {
        return call(HttpRequest.PATCH(URI.create(baseUrl + "/api/threads/" + threadId), Map.of("title", title))
                .bearerAuth(token).contentType(MediaType.APPLICATION_JSON_TYPE).accept(MediaType.APPLICATION_JSON_TYPE),
                Argument.mapOf(String.class, Object.class));
    }

    public CompletableFuture<Reply<String>> deleteThread(String token, String threadId) {
        return call(HttpRequest.DELETE(URI.create(baseUrl + "/api/threads/" + threadId)).bearerAuth(token)
                .accept(MediaType.APPLICATION_JSON_TYPE), Argument.STRING);
    }

    /** One page of a thread's messages, oldest first: {@code items, next_cursor}. */
    public CompletableFuture<Reply<Map<String, Object>>> messages(String token, String threadId, @Nullable String cursor, int limit) {
        return call(HttpRequest.GET(URI.create(baseUrl + "/api/threads/" + threadId + "/messages?limit=" + limit
                        + cursorParameter(cursor))).bearerAuth(token).accept(MediaType.APPLICATION_JSON_TYPE),
                Argument.mapOf(String.class, Object.class));
    }

    /** The caller's rating ({@code positive} or {@code negative}) of answers in a thread of theirs. */
    public CompletableFuture<Reply<String>> rate(String token, String threadId, List<String> messageIds, String kind) {
        return call(HttpRequest.PUT(URI.create(baseUrl + "/api/threads/" + threadId + "/feedback"),
                        Map.of("message_ids", messageIds, "kind", kind)).bearerAuth(token)
                .contentType(MediaType.APPLICATION_JSON_TYPE).accept(MediaType.APPLICATION_JSON_TYPE), Argument.STRING);
    }

    /** An upload of the caller's, as {@code POST /api/attachments} takes it (multipart field {@code file}). */
    public CompletableFuture<Reply<Map<String, Object>>> upload(String token, String filename, MediaType type, byte[] bytes) {
        MultipartBody body = MultipartBody.builder().addPart("file", filename, type, bytes).build();
        return call(HttpRequest.POST(URI.create(baseUrl + "/api/attachments"), body).bearerAuth(token)
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE).accept(MediaType.APPLICATION_JSON_TYPE),
                Argument.mapOf(String.class, Object.class));
    }

    public CompletableFuture<Reply<String>> deleteAttachment(String token, String attachmentId) {
        return call(HttpRequest.DELETE(URI.create(baseUrl + "/api/attachments/" + attachmentId)).bearerAuth(token)
                .accept(MediaType.APPLICATION_JSON_TYPE), Argument.STRING);
    }

    private static String cursorParameter(@Nullable String cursor) {
        return cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
    }

    CompletableFuture<Reply<PostedMessage>> post(String token, PostMessage message) {
        return call(HttpRequest.POST(URI.create(baseUrl + "/api/messages"), message).bearerAuth(token)
                .contentType(MediaType.APPLICATION_JSON_TYPE).accept(MediaType.APPLICATION_JSON_TYPE),
                Argument.of(PostedMessage.class));
    }

    private <T> CompletableFuture<Reply<T>> call(HttpRequest<?> request, Argument<T> bodyType) {
        try {
            return Mono.from(client.exchange(request, bodyType, Argument.of(Problem.class)))
                    .toFuture()
                    .handle((response, error) -> reply(request, response, error));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(new Reply.Unavailable<>(e.toString()));
        }
    }

    @Nullable
    private static Long retryAfterSeconds(@Nullable String header) {
        try {
            return header == null ? null : Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static <T> Reply<T> reply(HttpRequest<?> request, @Nullable HttpResponse<T> response, @Nullable Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause == null && response != null) {
            return new Reply.Ok<>(response.body(), response.code());
        }
        if (cause instanceof HttpClientResponseException refused && refused.code() < 500) {
            return new Reply.Refused<>(refused.code(), refused.getResponse().getBody(Problem.class).orElse(null),
                    retryAfterSeconds(refused.getResponse().getHeaders().get(HttpHeaders.RETRY_AFTER)));
        }
        LOG.warn("chat-service failed on {} {}: {}", request.getMethodName(), request.getPath(), String.valueOf(cause));
        return new Reply.Unavailable<>(String.valueOf(cause));
    }
}
