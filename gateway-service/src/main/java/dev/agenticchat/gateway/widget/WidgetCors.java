package dev.agenticchat.gateway.widget;

import com.nimbusds.jwt.JWTParser;
import dev.agenticchat.gateway.tenant.AllowedOrigins;
import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.web.Problem;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import java.text.ParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;

/**
 * CORS for the embedded widget, on exactly the calls it makes from a host site: starting and
 * refreshing its anonymous session, reading its threads, messages and artifacts, and loading the
 * web app's modules (renderers) and libraries. {@code Access-Control-Allow-Origin} names the
 * request's origin only when the tenant the request is about allows it: for a session call the
 * tenant its controller names ({@link CorsTenant}), for a read the tenant claim of the bearer
 * token, for a module any tenant (they are public files). A preflight carries neither body nor
 * token, so it is answered for a site that some tenant allows; the real request then decides.
 * Anything else gets no CORS header and the browser keeps the answer from the page.
 *
 * <p>Never a wildcard and never {@code Allow-Credentials}: the widget sends its token in a header,
 * no cookie. Reading the token's claim without checking its signature is enough here: a forged
 * token is refused by the service, and its 401 is all the page could read.
 */
@Filter({"/api/auth/anonymous", "/api/auth/refresh", "/api/threads", "/api/threads/**", "/api/artifacts",
        "/api/artifacts/**", "/assets/**", "/webjars/**"})
class WidgetCors implements HttpServerFilter {
    private static final Pattern READS = Pattern.compile("^/api/(threads(/[^/]+(/messages)?)?|artifacts(/[^/]+)?)$");
    private static final String ALLOWED_HEADERS = "authorization, content-type";
    private static final String EXPOSED_HEADERS = "etag, retry-after";
    private static final String MAX_AGE = "600";

    enum Kind { SESSION, READ, MODULE }

    private final AllowedOrigins origins;

    WidgetCors(AllowedOrigins origins) {
        this.origins = origins;
    }

    /** Before the proxy and the security filter: a preflight is answered here and goes no further. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before() - 1;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        String requestedMethod = request.getHeaders().get(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
        if (origin != null && request.getMethod() == HttpMethod.OPTIONS && requestedMethod != null) {
            return Publishers.just(preflight(request, origin, requestedMethod));
        }
        return Publishers.map(chain.proceed(request), response -> {
            response.getHeaders().add(HttpHeaders.VARY, HttpHeaders.ORIGIN);
            if (origin != null && allowed(request, origin)) {
                response.getHeaders().set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
                response.getHeaders().set(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
            }
            return response;
        });
    }

    private MutableHttpResponse<?> preflight(HttpRequest<?> request, String origin, String requestedMethod) {
        HttpMethod method = HttpMethod.parse(requestedMethod.strip().toUpperCase(Locale.ROOT));
        if (kind(method, request.getPath()).isEmpty() || !origins.allowedForSomeTenant(origin)) {
            Problem problem = new Problem("about:blank", "Forbidden", HttpStatus.FORBIDDEN.getCode(),
                    "origin " + origin + " may not call " + requestedMethod + " " + request.getPath() + " from a browser",
                    request.getPath(), null);
            return HttpResponse.status(HttpStatus.FORBIDDEN).body(problem).contentType(Problem.MEDIA_TYPE)
                    .header(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        }
        return HttpResponse.noContent()
                .header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                .header(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, method.name())
                .header(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS)
                .header(HttpHeaders.ACCESS_CONTROL_MAX_AGE, MAX_AGE)
                .header(HttpHeaders.VARY, HttpHeaders.ORIGIN);
    }

    private boolean allowed(HttpRequest<?> request, String origin) {
        Kind kind = kind(request.getMethod(), request.getPath()).orElse(null);
        if (kind == null) {
            return false;
        }
        return switch (kind) {
            case MODULE -> origins.allowedForSomeTenant(origin);
            case SESSION -> CorsTenant.id(request).map(id -> origins.allows(id, origin))
                    .or(() -> CorsTenant.slug(request).map(slug -> origins.allows(slug, origin)))
                    .orElse(false);
            case READ -> tokenTenant(request).map(id -> origins.allows(id, origin)).orElse(false);
        };
    }

    /** Which of the widget's calls this is, if it is one. */
    static Optional<Kind> kind(HttpMethod method, String path) {
        if (method == HttpMethod.POST && (path.equals("/api/auth/anonymous") || path.equals("/api/auth/refresh"))) {
            return Optional.of(Kind.SESSION);
        }
        if (method == HttpMethod.GET && READS.matcher(path).matches()) {
            return Optional.of(Kind.READ);
        }
        if ((method == HttpMethod.GET || method == HttpMethod.HEAD) && (path.startsWith("/assets/") || path.startsWith("/webjars/"))) {
            return Optional.of(Kind.MODULE);
        }
        return Optional.empty();
    }

    private static Optional<UUID> tokenTenant(HttpRequest<?> request) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return Optional.empty();
        }
        try {
            Object tenant = JWTParser.parse(authorization.substring(7).strip()).getJWTClaimsSet().getClaim(Caller.TENANT_CLAIM);
            return tenant instanceof String text ? Optional.of(UUID.fromString(text)) : Optional.empty();
        } catch (ParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
