package dev.agenticchat.support.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.util.Comparator;
import java.util.List;

/** Failed bean validation as a 400 problem naming each field at fault (by its JSON name). */
@Singleton
@Replaces(ConstraintExceptionHandler.class)
@Produces(Problem.MEDIA_TYPE)
class ConstraintViolationProblemHandler implements ExceptionHandler<ConstraintViolationException, HttpResponse<Problem>> {
    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ConstraintViolationException exception) {
        List<Problem.FieldError> errors = exception.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElse("invalid request");
        Problem problem = new Problem("about:blank", "Invalid request", HttpStatus.BAD_REQUEST.getCode(), detail,
                request.getPath(), errors);
        return HttpResponse.<Problem>status(HttpStatus.BAD_REQUEST).body(problem).contentType(Problem.MEDIA_TYPE);
    }

    /** The last property node, in snake_case as clients send it ({@code create.request.clientMessageId} → {@code client_message_id}). */
    private static String field(ConstraintViolation<?> violation) {
        String name = "";
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getName() != null) {
                name = node.getName();
            }
        }
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
