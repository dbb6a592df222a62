package dev.agenticchat.gateway.openai;

import dev.agenticchat.support.web.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import java.util.Optional;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * What the framework itself answers under {@code /v1/**} (an unknown path, a wrong method, a
 * body too large, an unexpected failure) is problem+json like everywhere else; OpenAI's clients
 * read only their own shape, so it is rewritten into it here, keeping the status.
 */
@Filter("/v1/**")
class OpenAiErrorFilter implements HttpServerFilter {
    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        return Flux.from(chain.proceed(request)).map(OpenAiErrorFilter::rewrite);
    }

    private static MutableHttpResponse<?> rewrite(MutableHttpResponse<?> response) {
        boolean problem = response.getContentType().map(type -> type.toString().startsWith(Problem.MEDIA_TYPE)).orElse(false);
        Optional<Problem> body = problem ? response.getBody(Problem.class) : Optional.empty();
        if (body.isEmpty()) {
            return response;
        }
        HttpStatus status = response.getStatus();
        String message = body.get().detail() == null ? status.getReason() : body.get().detail();
        OpenAiError error = status.getCode() >= 500
                ? new OpenAiError(status, message, "server_error", null, null, null)
                : new OpenAiError(status, message, OpenAiError.INVALID_REQUEST, null, null, null);
        return response.body(error.body()).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
