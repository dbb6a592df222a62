package dev.agenticchat.gateway.ws;

import dev.agenticchat.support.web.Problem;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import org.reactivestreams.Publisher;

/**
 * Refuses the WebSocket upgrade (403, before any frame) when a browser page from a site that is
 * neither in {@code GATEWAY_ALLOWED_ORIGINS} nor allowed by some tenant opens it ({@link SocketOrigins};
 * {@code auth} then checks the token's tenant). Requests without {@code Origin} come from
 * non-browser clients, which are not subject to cross-site attacks, and are let through.
 */
@Filter(ChatSocket.PATH)
class OriginFilter implements HttpServerFilter {
    private final SocketOrigins origins;

    OriginFilter(SocketOrigins origins) {
        this.origins = origins;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        if (origins.mayUpgrade(origin)) {
            return chain.proceed(request);
        }
        Problem problem = new Problem("about:blank", "Forbidden", HttpStatus.FORBIDDEN.getCode(),
                "origin " + origin + " may not open this WebSocket", request.getPath(), null);
        return Publishers.just(HttpResponse.status(HttpStatus.FORBIDDEN).body(problem).contentType(Problem.MEDIA_TYPE));
    }
}
