package dev.agenticchat.chat.attachment;

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

/** A body over the limit, refused by the server before any controller runs, as a 413 problem naming {@code file} and the limit. */
@Singleton
@Replaces(ContentLengthExceededHandler.class)
@Produces(Problem.MEDIA_TYPE)
class UploadTooLargeHandler implements ExceptionHandler<ContentLengthExceededException, HttpResponse<Problem>> {
    private final AttachmentSettings settings;

    UploadTooLargeHandler(AttachmentSettings settings) {
        this.settings = settings;
    }

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ContentLengthExceededException exception) {
        ApiProblem problem = AttachmentProblems.tooLarge("the request", settings.maxBytes());
        Problem body = new Problem("about:blank", problem.title(), problem.status().getCode(), problem.getMessage(),
                request.getPath(), problem.errors());
        return HttpResponse.<Problem>status(problem.status()).body(body).contentType(Problem.MEDIA_TYPE);
    }
}
