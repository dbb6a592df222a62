package dev.agenticchat.gateway.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * A refusal in OpenAI's shape, {@code {"error": {message, type, param, code}}}, not problem+json:
 * OpenAI's client libraries read this shape (and raise typed errors from the status), so the API
 * they talk to answers in it. Thrown anywhere under {@code /v1/**} and written by
 * {@link OpenAiErrorHandler}.
 */
final class OpenAiError extends RuntimeException {
    static final String INVALID_REQUEST = "invalid_request_error";

    private final HttpStatus status;
    private final Body body;
    @Nullable
    private final Long retryAfterSeconds;

    OpenAiError(HttpStatus status, String message, String type, @Nullable String param, @Nullable String code,
                @Nullable Long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.body = new Body(new Detail(message, type, param, code));
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static OpenAiError invalid(String message, @Nullable String param) {
        return new OpenAiError(HttpStatus.BAD_REQUEST, message, INVALID_REQUEST, param, null, null);
    }

    static OpenAiError unauthenticated(String message) {
        return new OpenAiError(HttpStatus.UNAUTHORIZED, message, INVALID_REQUEST, null, "invalid_api_key", null);
    }

    static OpenAiError modelNotFound(String model) {
        return new OpenAiError(HttpStatus.NOT_FOUND, "The model '" + model + "' does not exist or you do not have access to it.",
                INVALID_REQUEST, "model", "model_not_found", null);
    }

    static OpenAiError notFound(String message) {
        return new OpenAiError(HttpStatus.NOT_FOUND, message, INVALID_REQUEST, null, "not_found", null);
    }

    static OpenAiError rateLimited(String message, @Nullable Long retryAfterSeconds) {
        return new OpenAiError(HttpStatus.TOO_MANY_REQUESTS, message, "requests", null, "rate_limit_exceeded", retryAfterSeconds);
    }

    static OpenAiError unavailable(String message) {
        return new OpenAiError(HttpStatus.SERVICE_UNAVAILABLE, message, "server_error", null, "service_unavailable", null);
    }

    HttpStatus status() {
        return status;
    }

    Body body() {
        return body;
    }

    @Nullable
    Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record Body(Detail error) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Detail(String message, String type, @Nullable String param, @Nullable String code) {
    }
}
