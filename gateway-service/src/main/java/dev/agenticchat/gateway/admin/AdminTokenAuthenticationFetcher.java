package dev.agenticchat.gateway.admin;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.slf4j.LoggerFactory;

/**
 * The operator: {@code Authorization: Bearer <ADMIN_TOKEN>} on {@code /api/admin/**}
 * authenticates as {@code operator}. Without ADMIN_TOKEN the admin API accepts no one.
 * Compared in constant time; the token is accepted nowhere else.
 */
@Singleton
class AdminTokenAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {
    static final String ROLE = "operator";
    static final String PREFIX = "/api/admin/";
    private static final String BEARER = "Bearer ";

    private final byte[] expected;

    AdminTokenAuthenticationFetcher(AdminSettings settings) {
        String token = settings.token();
        this.expected = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
        if (expected == null) {
            LoggerFactory.getLogger(AdminTokenAuthenticationFetcher.class)
                    .info("ADMIN_TOKEN is not set: the admin API (/api/admin/**) is closed");
        } else if (expected.length < 16) {
            LoggerFactory.getLogger(AdminTokenAuthenticationFetcher.class)
                    .warn("ADMIN_TOKEN is shorter than 16 characters: use a long random secret");
        }
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        if (expected == null || !request.getPath().startsWith(PREFIX)) {
            return Publishers.empty();
        }
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.startsWith(BEARER)
                || !MessageDigest.isEqual(expected, header.substring(BEARER.length()).getBytes(StandardCharsets.UTF_8))) {
            return Publishers.empty();
        }
        return Publishers.just(Authentication.build(ROLE, List.of(ROLE), Map.of()));
    }
}
