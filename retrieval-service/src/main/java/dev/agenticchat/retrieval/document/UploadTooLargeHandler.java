package dev.agenticchat.retrieval.document;

import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.Problem;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.ContentLengthExceededHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A body over the limit, rejected by the server before the controller runs, as a 413 problem naming {@code file} and the limit. */
@Singleton
@Replaces(ContentLengthExceededHandler.class)
@Produces(Problem.MEDIA_TYPE)
class UploadTooLargeHandler implements ExceptionHandler<ContentLengthExceededException, HttpResponse<Problem>> {
    private final UploadLimits limits;

    UploadTooLargeHandler(UploadLimits limits) {
        this.limits = limits;
    }

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ContentLengthExceededException exception) {
        ApiProblem problem = limits.tooLarge();
        Problem body = new Problem("about:blank", problem.title(), problem.status().getCode(), problem.getMessage(),
                request.getPath(), problem.errors());
        return HttpResponse.<Problem>status(problem.status()).body(body).contentType(Problem.MEDIA_TYPE);
    }
}
