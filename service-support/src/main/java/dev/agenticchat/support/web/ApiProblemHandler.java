package dev.agenticchat.support.web;

import dev.agenticchat.support.ratelimit.RateLimited;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

@Singleton
@Produces(Problem.MEDIA_TYPE)
class ApiProblemHandler implements ExceptionHandler<ApiProblem, HttpResponse<Problem>> {
    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ApiProblem problem) {
        Problem body = new Problem("about:blank", problem.title(), problem.status().getCode(), problem.getMessage(),
                request.getPath(), problem.errors().isEmpty() ? null : problem.errors());
        MutableHttpResponse<Problem> response = HttpResponse.<Problem>status(problem.status()).body(body).contentType(Problem.MEDIA_TYPE);
        if (problem instanceof RateLimited limited) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()));
        }
        return response;
    }
}
