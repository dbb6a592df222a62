package dev.agenticchat.gateway.openai;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Writes {@link OpenAiError}s as OpenAI does, with {@code Retry-After} on a 429. */
@Produces(MediaType.APPLICATION_JSON)
@Singleton
class OpenAiErrorHandler implements ExceptionHandler<OpenAiError, HttpResponse<OpenAiError.Body>> {
    @Override
    public HttpResponse<OpenAiError.Body> handle(HttpRequest request, OpenAiError error) {
        MutableHttpResponse<OpenAiError.Body> response = HttpResponse.<OpenAiError.Body>status(error.status())
                .contentType(MediaType.APPLICATION_JSON_TYPE).body(error.body());
        if (error.retryAfterSeconds() != null) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(error.retryAfterSeconds()));
        }
        return response;
    }
}
