package dev.agenticchat.support.web;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Renders every error the framework produces (unknown route, unreadable body, failed
 * validation, denied access) as problem+json, so clients handle one error shape.
 */
@Singleton
class ProblemResponseProcessor implements ErrorResponseProcessor<Problem> {
    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        List<Problem.FieldError> errors = context.getErrors().stream()
                .filter(e -> e.getPath().isPresent())
                .map(e -> new Problem.FieldError(field(e), e.getMessage()))
                .toList();
        String detail = context.getErrors().stream().map(Error::getMessage).findFirst().orElse(status.getReason());
        Problem problem = new Problem("about:blank", status.getReason(), status.getCode(), detail,
                context.getRequest().getPath(), errors.isEmpty() ? null : errors);
        return response.body(problem).contentType(Problem.MEDIA_TYPE);
    }

    /** Validation paths look like {@code create.request.name}; clients want {@code name}. */
    private static String field(Error error) {
        String path = error.getPath().orElse("");
        int dot = path.lastIndexOf('.');
        return dot >= 0 ? path.substring(dot + 1) : path;
    }
}
