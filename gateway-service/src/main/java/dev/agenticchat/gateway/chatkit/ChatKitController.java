package dev.agenticchat.gateway.chatkit;

import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /chatkit}: the ChatKit server protocol (docs/chatkit.md; wire format in
 * ../shared/protocols/chatkit.md), an adapter over the suite's threads, messages and turn stream.
 * One JSON body {@code {type, params, metadata}}; streaming types answer {@code text/event-stream}
 * ({@code data: <event>} frames, the response ends with the turn), the others JSON. The caller is
 * the bearer token's user, nobody else: the token goes on to chat-service, which decides what is
 * theirs (another user's thread is "not found", as in the web API).
 */
@ProblemResponses
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
class ChatKitController {
    private static final Logger LOG = LoggerFactory.getLogger(ChatKitController.class);

    private final Callers callers;
    private final JsonMapper json;
    private final ChatKitSettings settings;
    private final Map<String, Handler> handlers;

    ChatKitController(Callers callers, JsonMapper json, ChatKitSettings settings, ThreadRequests threads,
                      ItemRequests items, AttachmentRequests attachments, TurnRequests turns, FeedbackRequests feedback) {
        this.callers = callers;
        this.json = json;
        this.settings = settings;
        this.handlers = Map.ofEntries(
                Map.entry("threads.create", turns::create),
                Map.entry("threads.add_user_message", turns::addUserMessage),
                Map.entry("threads.retry_after_item", turns::retryAfterItem),
                Map.entry("threads.add_client_tool_output", turns::addClientToolOutput),
                Map.entry("threads.custom_action", turns::customAction),
                Map.entry("threads.get_by_id", threads::getById),
                Map.entry("threads.list", threads::list),
                Map.entry("threads.update", threads::update),
                Map.entry("threads.delete", threads::delete),
                Map.entry("items.list", items::list),
                Map.entry("items.feedback", feedback::feedback),
                Map.entry("attachments.create", attachments::create),
                Map.entry("attachments.delete", attachments::delete));
    }

    @Post(uri = "/chatkit", consumes = {MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN},
            produces = {MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_JSON})
    CompletableFuture<MutableHttpResponse<?>> process(@Nullable @Body byte[] body, HttpRequest<?> request) {
        try {
            return dispatch(body, request)
                    .thenApply(response -> response.getContentType().isPresent() ? response
                            : response.contentType(MediaType.APPLICATION_JSON_TYPE))
                    .exceptionally(ChatKitController::refused);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(refused(e));
        }
    }

    @SuppressWarnings("unchecked")
    private CompletableFuture<MutableHttpResponse<?>> dispatch(@Nullable byte[] body, HttpRequest<?> request) {
        Callers.Caller caller = callers.of(request);
        Map<String, Object> envelope;
        try {
            envelope = body == null ? null : json.readValue(body, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw Refusal.badRequest("the body is not a JSON object");
        }
        if (envelope == null || !(envelope.get("type") instanceof String type)) {
            throw Refusal.badRequest("the body must be a JSON object with a string \"type\"");
        }
        Handler handler = handlers.get(type);
        if (handler == null) {
            throw Refusal.badRequest("unknown request type " + type);
        }
        if (!(envelope.get("params") instanceof Map<?, ?> params)) {
            throw Refusal.badRequest("params is required (an object)");
        }
        return handler.handle(new Call(caller.token(), caller.identity(), (Map<String, Object>) params,
                new ArtifactWidgets(appUrl(request))));
    }

    /** The configured web app, else the origin this request came to. */
    private String appUrl(HttpRequest<?> request) {
        String configured = settings.appUrl();
        if (configured != null && !configured.isBlank()) {
            return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        }
        String host = request.getHeaders().get(HttpHeaders.HOST);
        String scheme = request.getHeaders().get("X-Forwarded-Proto") != null ? request.getHeaders().get("X-Forwarded-Proto")
                : request.isSecure() ? "https" : "http";
        return host == null ? "" : scheme + "://" + host;
    }

    static MutableHttpResponse<?> refused(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof Refusal refusal) {
            return refusal.response();
        }
        LOG.warn("ChatKit request failed: {}", String.valueOf(cause));
        return new Refusal(HttpStatus.INTERNAL_SERVER_ERROR, "the request failed; try again", true, null).response();
    }
}
