package dev.agenticchat.support.web;

import io.micronaut.http.HttpStatus;
import java.util.List;

/** A request the service refuses, answered as problem+json with the given status. */
public class ApiProblem extends RuntimeException {
    private final HttpStatus status;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ApiProblem(HttpStatus status, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static ApiProblem notFound(String what) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "Not found", what + " does not exist", List.of());
    }

    public static ApiProblem badRequest(String detail, String field) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "Bad request", detail,
                field == null ? List.of() : List.of(new Problem.FieldError(field, detail)));
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
