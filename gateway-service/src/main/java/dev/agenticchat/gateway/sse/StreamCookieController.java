package dev.agenticchat.gateway.sse;

import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code POST /api/auth/stream-cookie} puts the caller's access token (from the Authorization header)
 * in an HttpOnly, SameSite=Strict cookie for {@code /api}, which only the SSE streams read: a browser's
 * EventSource cannot send headers, and a token in the URL would end up in logs. It lives as long as the
 * token; post again after each refresh. {@code DELETE} removes it.
 */
@ProblemResponses
@Controller("/api/auth/stream-cookie")
@Secured(SecurityRule.IS_AUTHENTICATED)
class StreamCookieController {
    static final String COOKIE = "agentic_stream";

    @Post
    MutableHttpResponse<?> set(HttpRequest<?> request, Authentication authentication) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        String token = authorization.substring(7).strip();
        Object exp = authentication.getAttributes().get("exp");
        long seconds = exp instanceof Number number ? number.longValue() - Instant.now().getEpochSecond()
                : exp instanceof java.util.Date date ? Duration.between(Instant.now(), date.toInstant()).toSeconds() : 0;
        return HttpResponse.noContent().cookie(cookie(token, Math.max(1, seconds), secure(request)));
    }

    @Delete
    MutableHttpResponse<?> clear(HttpRequest<?> request) {
        return HttpResponse.noContent().cookie(cookie("", 0, secure(request)));
    }

    private static Cookie cookie(String value, long maxAgeSeconds, boolean secure) {
        return Cookie.of(COOKIE, value).httpOnly(true).sameSite(SameSite.Strict).path("/api").maxAge(maxAgeSeconds)
                .secure(secure);
    }

    /** Secure behind TLS, told by the request or by the proxy that ended it. */
    private static boolean secure(HttpRequest<?> request) {
        return request.isSecure() || "https".equalsIgnoreCase(request.getHeaders().get("X-Forwarded-Proto"));
    }
}
