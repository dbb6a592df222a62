package dev.agenticchat.notification.otp;

import dev.agenticchat.support.web.Problem;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.List;

/** The two refusals of the code API as problem+json. */
final class OtpProblemHandlers {
    private OtpProblemHandlers() {
    }

    @Singleton
    @Produces(OtpProblem.MEDIA_TYPE)
    static class Rejected implements ExceptionHandler<CodeRejected, HttpResponse<OtpProblem>> {
        @Override
        public HttpResponse<OtpProblem> handle(HttpRequest request, CodeRejected exception) {
            // Nothing here may depend on why the code was refused, nor a Retry-After on a lockout.
            String reason = CodeRejected.REASON;
            return HttpResponse.<OtpProblem>status(HttpStatus.UNPROCESSABLE_ENTITY)
                    .body(new OtpProblem(OtpProblem.TYPE_BASE + reason, "Code not accepted",
                            HttpStatus.UNPROCESSABLE_ENTITY.getCode(), CodeRejected.DETAIL, request.getPath(), reason,
                            List.of(new Problem.FieldError("code", reason))))
                    .contentType(OtpProblem.MEDIA_TYPE);
        }
    }

    @Singleton
    @Produces(OtpProblem.MEDIA_TYPE)
    static class Limited implements ExceptionHandler<RateLimited, HttpResponse<OtpProblem>> {
        @Override
        public HttpResponse<OtpProblem> handle(HttpRequest request, RateLimited exception) {
            return HttpResponse.<OtpProblem>status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(exception.retryAfterSeconds()))
                    .body(new OtpProblem(OtpProblem.TYPE_BASE + "rate_limited", "Too many requests",
                            HttpStatus.TOO_MANY_REQUESTS.getCode(), exception.getMessage(), request.getPath(), "rate_limited", null))
                    .contentType(OtpProblem.MEDIA_TYPE);
        }
    }
}
