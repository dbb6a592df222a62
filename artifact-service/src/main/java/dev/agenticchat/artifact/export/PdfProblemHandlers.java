package dev.agenticchat.artifact.export;

import dev.agenticchat.support.web.Problem;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * The two refusals of a PDF export as problem+json, each with its own type so a client can tell
 * "try again shortly" (busy) from "this version will not render in time" (too slow).
 */
final class PdfProblemHandlers {
    static final String TYPE_BASE = "https://agentic-chat.dev/problems/artifact/";

    private PdfProblemHandlers() {
    }

    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    static class Busy implements ExceptionHandler<PdfBusy, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, PdfBusy busy) {
            HttpStatus status = HttpStatus.SERVICE_UNAVAILABLE;
            return HttpResponse.<Problem>status(status)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(busy.retryAfterSeconds()))
                    .body(new Problem(TYPE_BASE + "pdf-busy", "PDF renderer busy", status.getCode(), busy.getMessage(),
                            request.getPath(), null))
                    .contentType(Problem.MEDIA_TYPE);
        }
    }

    /**
     * 422, not 503: the render had a slot and its whole time budget, so the same version would most
     * likely run out of time again; a client should not retry it blindly.
     */
    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    static class TooSlow implements ExceptionHandler<PdfTooSlow, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, PdfTooSlow slow) {
            HttpStatus status = HttpStatus.UNPROCESSABLE_ENTITY;
            return HttpResponse.<Problem>status(status)
                    .body(new Problem(TYPE_BASE + "pdf-too-slow", "PDF render too slow", status.getCode(),
                            slow.getMessage(), request.getPath(), null))
                    .contentType(Problem.MEDIA_TYPE);
        }
    }
}
