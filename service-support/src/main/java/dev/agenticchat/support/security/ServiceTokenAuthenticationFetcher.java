package dev.agenticchat.support.security;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * Authenticates service-to-service calls carrying {@link ServiceCredentials#TOKEN_HEADER}:
 * the caller becomes the user named in the on-behalf-of headers, with the {@code service} role,
 * on the paths {@link ServiceCredentials#getPaths()} allows.
 */
@Singleton
public class ServiceTokenAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {
    private final ServiceCredentials credentials;
    private final byte[] expected;

    ServiceTokenAuthenticationFetcher(ServiceCredentials credentials) {
        this.credentials = credentials;
        String token = credentials.getToken();
        this.expected = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        String presented = request.getHeaders().get(ServiceCredentials.TOKEN_HEADER);
        if (presented == null || expected == null || !credentials.acceptedOn(request.getPath())
                || !MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8))) {
            return Publishers.empty();
        }
        String tenant = request.getHeaders().get(ServiceCredentials.TENANT_HEADER);
        String user = request.getHeaders().get(ServiceCredentials.USER_HEADER);
        if (tenant == null || user == null) {
            return Publishers.empty();
        }
        return Publishers.just(Authentication.build(user, List.of(ServiceCredentials.ROLE),
                Map.of(Caller.TENANT_CLAIM, tenant)));
    }
}
