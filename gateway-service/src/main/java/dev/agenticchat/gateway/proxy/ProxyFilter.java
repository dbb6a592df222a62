package dev.agenticchat.gateway.proxy;

import com.nimbusds.jwt.JWTParser;
import dev.agenticchat.gateway.auth.RetiredUsers;
import io.micronaut.http.HttpHeaders;
import java.text.ParseException;
import dev.agenticchat.support.web.Problem;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.client.ProxyHttpClient;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.HttpServerConfiguration;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Streams {@code /api/**} requests to the service that owns the path: method, path, query,
 * body and end-to-end headers (Authorization, content headers) unchanged, hop-by-hop
 * headers and any service credential dropped. The service's answer, problem+json included,
 * comes back as it is; a service that cannot be reached is a 503/504 problem, a body over the
 * gateway's {@code max-request-size} a 413 problem (before the service is called when it declares its length).
 * It runs before the security filter: each service validates the token itself. Which paths
 * go where is {@link Routes}' alone: a path no route matches (the gateway's own API) passes on.
 */
@Filter({"/api/**", "/shared/**"})
class ProxyFilter implements HttpServerFilter {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyFilter.class);

    private final Routes routes;
    private final ProxyHttpClient client;
    private final RetiredUsers retiredUsers;
    private final long maxRequestSize;

    ProxyFilter(Routes routes, ProxyHttpClient client, RetiredUsers retiredUsers, HttpServerConfiguration server) {
        this.routes = routes;
        this.client = client;
        this.retiredUsers = retiredUsers;
        this.maxRequestSize = server.getMaxRequestSize();
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        URI uri = request.getUri();
        String rawPath = uri.getRawPath();
        Routes.Route route = routes.match(request.getMethodName(), rawPath).orElse(null);
        if (route == null) {
            return chain.proceed(request);
        }
        if (!isPlainPath(rawPath)) {
            return Publishers.just(problem(HttpStatus.BAD_REQUEST, "Bad request", "the path has dot or encoded slash segments", rawPath));
        }
        if (request.getContentLength() > maxRequestSize) {
            return Publishers.just(tooLarge(rawPath));
        }
        if (bearerOfRetiredUser(request)) {
            return Publishers.just(problem(HttpStatus.UNAUTHORIZED, "Session linked",
                    "this session was linked to a person; use the tokens the link returned", rawPath));
        }
        MutableHttpRequest<?> upstream = request.mutate().uri(route.target(rawPath, uri.getRawQuery()));
        ProxyHeaders.cleanRequest(upstream.getHeaders());
        return Mono.from(client.proxy(upstream))
                .<MutableHttpResponse<?>>map(response -> {
                    ProxyHeaders.cleanResponse(response.getHeaders());
                    return response;
                })
                .onErrorResume(error -> Mono.just(causedBy(error, ContentLengthExceededException.class)
                        ? tooLarge(rawPath) : failure(route, rawPath, error)));
    }

    /** A body over the gateway's limit (declared, or found while streaming one without a length). */
    private MutableHttpResponse<?> tooLarge(String path) {
        return problem(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "Request too large",
                "the request body is larger than the gateway's limit of " + maxRequestSize / (1024 * 1024) + " MB", path);
    }

    /**
     * Services validate tokens themselves and know nothing of linked sessions: the gateway
     * refuses a retired user's token here. Only the subject is read; the service checks the signature.
     */
    private boolean bearerOfRetiredUser(HttpRequest<?> request) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        try {
            String subject = JWTParser.parse(authorization.substring(7).strip()).getJWTClaimsSet().getSubject();
            return subject != null && retiredUsers.isRetired(subject);
        } catch (ParseException e) {
            return false;
        }
    }

    /** No {@code .}/{@code ..} segment and no encoded slash: a service must never see a path that climbs out of its prefix. */
    static boolean isPlainPath(String rawPath) {
        for (String segment : rawPath.split("/", -1)) {
            String decoded;
            try {
                decoded = URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return false;
            }
            if (decoded.equals(".") || decoded.equals("..") || decoded.contains("/") || decoded.contains("\\")) {
                return false;
            }
        }
        return true;
    }

    private static MutableHttpResponse<?> failure(Routes.Route route, String path, Throwable error) {
        if (causedBy(error, ConnectException.class) || causedBy(error, UnknownHostException.class)
                || causedBy(error, NoRouteToHostException.class)) {
            LOG.warn("{} is unreachable at {}: {}", route.service(), route.baseUrl(), error.toString());
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                    route.service() + " is unavailable; try again shortly", path);
        }
        if (causedBy(error, ReadTimeoutException.class) || causedBy(error, TimeoutException.class)) {
            LOG.warn("{} did not answer {} in time", route.service(), path);
            return problem(HttpStatus.GATEWAY_TIMEOUT, "Gateway timeout", route.service() + " did not answer in time", path);
        }
        LOG.warn("{} failed on {}", route.service(), path, error);
        return problem(HttpStatus.BAD_GATEWAY, "Bad gateway", route.service() + " did not give a valid answer", path);
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static MutableHttpResponse<?> problem(HttpStatus status, String title, String detail, String path) {
        return HttpResponse.status(status)
                .body(new Problem("about:blank", title, status.getCode(), detail, path, null))
                .contentType(Problem.MEDIA_TYPE);
    }
}
