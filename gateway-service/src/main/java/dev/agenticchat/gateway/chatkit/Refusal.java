package dev.agenticchat.gateway.chatkit;

import dev.agenticchat.gateway.ws.ChatServiceClient;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

/**
 * A request refused before anything was streamed: the HTTP status says why, the body is ChatKit's
 * error shape ({@code {"type":"error","code":"custom","message":…,"allow_retry":…}}), for a JSON and a
 * streaming request alike (the reference defines no HTTP error; its client shows {@code message}).
 */
final class Refusal extends RuntimeException {
    private final HttpStatus status;
    private final boolean allowRetry;
    private final Long retryAfterSeconds;

    Refusal(HttpStatus status, String message, boolean allowRetry, Long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.allowRetry = allowRetry;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static Refusal badRequest(String message) {
        return new Refusal(HttpStatus.BAD_REQUEST, message, false, null);
    }

    static Refusal notFound(String what) {
        return new Refusal(HttpStatus.NOT_FOUND, what + " not found", false, null);
    }

    /** What chat-service's refusal (or silence) means for a ChatKit client; {@code what} names the thing a 404 is about. */
    static Refusal of(ChatServiceClient.Reply<?> reply, String what) {
        if (reply instanceof ChatServiceClient.Reply.Refused<?> refused) {
            String detail = refused.problem() != null && refused.problem().detail() != null
                    ? refused.problem().detail() : "refused (" + refused.status() + ")";
            return switch (refused.status()) {
                case 404 -> notFound(what);
                case 429 -> new Refusal(HttpStatus.TOO_MANY_REQUESTS, detail, true, refused.retryAfterSeconds());
                default -> new Refusal(HttpStatus.valueOf(refused.status()), detail, false, null);
            };
        }
        return new Refusal(HttpStatus.SERVICE_UNAVAILABLE, "chat-service could not be reached; try again shortly", true, null);
    }

    MutableHttpResponse<?> response() {
        MutableHttpResponse<?> response = HttpResponse.status(status).body(new Wire.Error(getMessage(), allowRetry))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
        if (retryAfterSeconds != null) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
        }
        return response;
    }
}
