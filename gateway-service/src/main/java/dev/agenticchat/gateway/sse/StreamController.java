package dev.agenticchat.gateway.sse;

import dev.agenticchat.gateway.auth.AccessTokenVerifier;
import dev.agenticchat.gateway.stream.StreamSettings;
import dev.agenticchat.gateway.stream.ThreadStreams;
import dev.agenticchat.gateway.stream.ThreadSubscription;
import dev.agenticchat.gateway.ws.ChatServiceClient;
import dev.agenticchat.support.web.Problem;
import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.sse.Event;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * The thread streams over SSE (docs/client-protocol.md, "SSE"): post a message, then read the turn
 * answering it ({@code GET /api/streams/{stream_id}}) or the whole thread ({@code GET
 * /api/threads/{id}/events}) as {@code text/event-stream}, the same frames as the WebSocket, resumable
 * with {@code Last-Event-ID}. Streams authenticate with the bearer header or the HttpOnly cookie
 * {@value StreamCookieController#COOKIE} (EventSource cannot set headers), never with a token in the
 * URL; posting takes the header only, so the cookie can never be used to post across sites.
 * chat-service decides, with the caller's own token, whether the thread is theirs.
 */
@ProblemResponses
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
class StreamController {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final ChatServiceClient chat;
    private final ThreadStreams streams;
    private final AccessTokenVerifier tokens;
    private final JsonMapper json;
    private final Duration heartbeat;

    StreamController(ChatServiceClient chat, ThreadStreams streams, AccessTokenVerifier tokens, JsonMapper json,
                     StreamSettings settings) {
        this.heartbeat = settings.heartbeat();
        this.chat = chat;
        this.streams = streams;
        this.tokens = tokens;
        this.json = json;
    }

    /** chat-service's answer ({@code message, thread, duplicate}) plus {@code message_id} and {@code stream_id}. */
    @Post(uri = "/api/threads/{threadId}/messages", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    CompletableFuture<MutableHttpResponse<?>> post(String threadId, @Body byte[] body, HttpRequest<?> request) {
        String token = bearer(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
        if (token == null || tokens.verify(token, request).isEmpty()) {
            return done(problem(HttpStatus.UNAUTHORIZED, "Unauthorized", token == null
                    ? "send the access token as Authorization: Bearer" : "the token is invalid or expired", request));
        }
        if (!ID.matcher(threadId).matches()) {
            return done(problem(HttpStatus.NOT_FOUND, "Not found", "thread does not exist", request));
        }
        return chat.postToThread(token, threadId, body).thenApply(reply -> {
            if (reply instanceof ChatServiceClient.Reply.Ok<Map<String, Object>> ok && ok.body() != null
                    && ok.body().get("message") instanceof Map<?, ?> message && message.get("id") != null) {
                Map<String, Object> answer = new LinkedHashMap<>(ok.body());
                String messageId = String.valueOf(message.get("id"));
                answer.put("message_id", messageId);
                answer.put("stream_id", new StreamIds.StreamId(threadId, messageId).toString());
                return HttpResponse.status(HttpStatus.valueOf(ok.status())).body(answer);
            }
            return refusal(reply, request);
        });
    }

    /** The turn answering one message, from its start (or after Last-Event-ID); the stream ends with the turn. */
    @Get(uri = "/api/streams/{streamId}", produces = MediaType.TEXT_EVENT_STREAM)
    CompletableFuture<MutableHttpResponse<?>> stream(String streamId, @Nullable @Header("Last-Event-ID") String lastEventId,
                                                     HttpRequest<?> request) {
        Optional<StreamIds.StreamId> id = StreamIds.parse(streamId);
        if (id.isEmpty()) {
            return done(problem(HttpStatus.NOT_FOUND, "Not found", "no such stream", request));
        }
        return open(id.get().threadId(), id.get().messageId(), lastEventId, request);
    }

    /** Every event of the thread, from now (a running turn from its start) or after Last-Event-ID, until the client goes. */
    @Get(uri = "/api/threads/{threadId}/events", produces = MediaType.TEXT_EVENT_STREAM)
    CompletableFuture<MutableHttpResponse<?>> events(String threadId, @Nullable @Header("Last-Event-ID") String lastEventId,
                                                     HttpRequest<?> request) {
        if (!ID.matcher(threadId).matches()) {
            return done(problem(HttpStatus.NOT_FOUND, "Not found", "thread does not exist", request));
        }
        return open(threadId, null, lastEventId, request);
    }

    private CompletableFuture<MutableHttpResponse<?>> open(String threadId, @Nullable String messageId,
                                                           @Nullable String lastEventId, HttpRequest<?> request) {
        Long afterSeq;
        try {
            afterSeq = lastEventId == null || lastEventId.isBlank() ? null : Long.parseLong(lastEventId.strip());
        } catch (NumberFormatException e) {
            afterSeq = -1L;
        }
        if (afterSeq != null && afterSeq < 0) {
            return done(problem(HttpStatus.BAD_REQUEST, "Bad request", "Last-Event-ID must be a seq this stream sent", request));
        }
        String token = tokenOf(request);
        AccessTokenVerifier.Verified identity = token == null ? null : tokens.verify(token, request).orElse(null);
        if (identity == null) {
            return done(problem(HttpStatus.UNAUTHORIZED, "Unauthorized", token == null
                    ? "send the access token as Authorization: Bearer or in the " + StreamCookieController.COOKIE + " cookie"
                    : "the token is invalid or expired", request));
        }
        Long resumeAfter = afterSeq;
        return chat.thread(token, threadId).thenApply(reply -> {
            if (!(reply instanceof ChatServiceClient.Reply.Ok<String>)) {
                return refusal(reply, request);
            }
            Flux<Event<String>> events = Flux.create(sink -> {
                SseReader reader = new SseReader(sink, identity, messageId,
                        () -> messageId == null ? null : streams.turnAnswering(threadId, messageId), json);
                ThreadSubscription subscription = resumeAfter != null || messageId == null
                        ? streams.subscribe(threadId, resumeAfter, reader)
                        : streams.subscribeForMessage(threadId, messageId, reader);
                Disposable heartbeats = Flux.interval(heartbeat, heartbeat).subscribe(tick -> reader.heartbeat());
                sink.onDispose(() -> {
                    heartbeats.dispose();
                    subscription.close();
                });
            });
            return HttpResponse.ok(Flux.concat(Flux.just(Event.of("").comment("stream of thread " + threadId)
                    .retry(Duration.ofSeconds(2))), events))
                    .contentType(MediaType.TEXT_EVENT_STREAM_TYPE)
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .header("X-Accel-Buffering", "no");
        });
    }

    /** The header's token, else the stream cookie's. */
    @Nullable
    private static String tokenOf(HttpRequest<?> request) {
        String header = bearer(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
        if (header != null) {
            return header;
        }
        return request.getCookies().findCookie(StreamCookieController.COOKIE).map(Cookie::getValue)
                .filter(value -> !value.isBlank()).orElse(null);
    }

    @Nullable
    private static String bearer(@Nullable String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip() : null;
    }

    private static MutableHttpResponse<?> refusal(ChatServiceClient.Reply<?> reply, HttpRequest<?> request) {
        if (reply instanceof ChatServiceClient.Reply.Refused<?> refused) {
            MutableHttpResponse<?> response = refused.problem() != null
                    ? HttpResponse.status(HttpStatus.valueOf(refused.status())).body(refused.problem()).contentType(Problem.MEDIA_TYPE)
                    : problem(HttpStatus.valueOf(refused.status()), "Refused", "chat-service refused the request", request);
            if (refused.retryAfterSeconds() != null) {
                response.header(HttpHeaders.RETRY_AFTER, String.valueOf(refused.retryAfterSeconds()));
            }
            return response;
        }
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable", "chat-service could not be reached; try again shortly",
                request);
    }

    private static MutableHttpResponse<?> problem(HttpStatus status, String title, String detail, HttpRequest<?> request) {
        return HttpResponse.status(status)
                .body(new Problem("about:blank", title, status.getCode(), detail, request.getPath(), null))
                .contentType(Problem.MEDIA_TYPE);
    }

    private static CompletableFuture<MutableHttpResponse<?>> done(MutableHttpResponse<?> response) {
        return CompletableFuture.completedFuture(response);
    }
}
