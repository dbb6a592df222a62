package dev.agenticchat.gateway.openai;

import dev.agenticchat.gateway.stream.ThreadSubscription;
import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.sse.Event;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * {@code POST /v1/chat/completions}, OpenAI's chat completions over the suite's agents:
 * {@code model} is an agent's slug, the last user message is posted to the key's thread and the
 * answer is that turn's events as the WebSocket sees them, collected ({@code chat.completion}) or
 * streamed as they come ({@code chat.completion.chunk} over SSE, then {@code data: [DONE]}).
 * Everything before the turn (key, request, model, limits) is refused with an HTTP status and an
 * OpenAI error; a turn that fails after a stream began ends the stream with an error object.
 * The key authenticates here (not through the security filter, which knows tokens only), so
 * every refusal keeps OpenAI's shape.
 */
@ProblemResponses
@Controller("/v1")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class ChatCompletionsController {
    private final Completions completions;
    private final TurnFeed feed;
    private final JsonMapper json;
    private final OpenAiSettings settings;
    private final ExecutorService blocking;

    ChatCompletionsController(Completions completions, TurnFeed feed, JsonMapper json, OpenAiSettings settings,
                              @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.completions = completions;
        this.feed = feed;
        this.json = json;
        this.settings = settings;
        this.blocking = blocking;
    }

    @Post(uri = "/chat/completions", consumes = MediaType.ALL, produces = {MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM})
    HttpResponse<?> complete(HttpRequest<?> http, @Body @Nullable String body) throws InterruptedException {
        Completions.Caller caller = completions.authenticate(http);
        CompletionRequest request = CompletionRequest.parse(json, body);
        Completions.Posted posted = completions.post(caller, request);
        TurnArtifacts artifacts = new TurnArtifacts(baseUrl(http));
        long created = Instant.now().getEpochSecond();
        return request.stream() ? stream(caller, request, posted, artifacts, created)
                : HttpResponse.ok(collect(caller, request, posted, artifacts, created));
    }

    private CompletionObjects.Completion collect(Completions.Caller caller, CompletionRequest request, Completions.Posted posted,
                                                 TurnArtifacts artifacts, long created) throws InterruptedException {
        CollectedAnswer answer = new CollectedAnswer(artifacts);
        TurnFollower follower = new TurnFollower(posted.messageId(), answer);
        CollectedAnswer.Result result;
        try (ThreadSubscription following = feed.follow(caller, posted, follower)) {
            result = answer.result().get(settings.turnTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof OpenAiError error ? error : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw timeout();
        }
        completions.answered(caller, request.model(), posted.threadId(), request.conversation(), result.content());
        return CompletionObjects.Completion.of("chatcmpl-" + result.turnId(), created, request.model(), result.content(),
                result.artifacts(), result.usage());
    }

    /**
     * The thread is followed at once, before the client reads the stream, and chunks queue until it
     * does; a client that goes away stops the following (the turn itself runs on and is stored).
     */
    private HttpResponse<Flux<Event<String>>> stream(Completions.Caller caller, CompletionRequest request, Completions.Posted posted,
                                                      TurnArtifacts artifacts, long created) {
        Sinks.Many<Event<String>> events = Sinks.many().unicast().onBackpressureBuffer();
        StreamedAnswer answer = new StreamedAnswer(json, new StreamedAnswer.Emitter() {
            @Override
            public void data(String payload) {
                events.tryEmitNext(Event.of(payload));
            }

            @Override
            public void end() {
                events.tryEmitComplete();
            }
        }, artifacts, request.model(), created, request.includeUsage(),
                (full, done) -> blocking.execute(() -> {
                    try {
                        completions.answered(caller, request.model(), posted.threadId(), request.conversation(), full);
                    } finally {
                        done.run();
                    }
                }));
        TurnFollower follower = new TurnFollower(posted.messageId(), answer);
        ThreadSubscription following = feed.follow(caller, posted, follower);
        Disposable deadline = Mono.delay(settings.turnTimeout()).subscribe(ignored -> answer.fail(timeout()));
        Flux<Event<String>> body = events.asFlux().doFinally(signal -> {
            deadline.dispose();
            following.close();
        });
        return HttpResponse.ok(body).contentType(MediaType.TEXT_EVENT_STREAM_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache");
    }

    private OpenAiError timeout() {
        return new OpenAiError(HttpStatus.GATEWAY_TIMEOUT, "the agent did not answer within " + settings.turnTimeout().toSeconds()
                + " s; the answer, if any, is stored in the key's thread", "server_error", null, "timeout", null);
    }

    /** Where clients reach the gateway: the setting, else the request's own Host (the client's own answer: nothing to spoof). */
    private String baseUrl(HttpRequest<?> http) {
        if (settings.publicUrl() != null && !settings.publicUrl().isBlank()) {
            String url = settings.publicUrl().strip();
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }
        String host = http.getHeaders().get(HttpHeaders.HOST);
        return (http.isSecure() ? "https://" : "http://") + (host == null ? "localhost" : host);
    }
}
