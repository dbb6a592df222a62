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
import org.slf4j.LoggerFactory;

/**
 * Authenticates service-to-service calls carrying {@link ServiceCredentials#TOKEN_HEADER}:
 * the caller becomes the user named in the on-behalf-of headers, with the {@code service} role.
 */
@Singleton
public class ServiceTokenAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {
    private final byte[] expected;

    ServiceTokenAuthenticationFetcher(ServiceCredentials credentials) {
        String token = credentials.getToken();
        this.expected = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
        if (ServiceCredentials.LOCAL_DEFAULT.equals(token)) {
            LoggerFactory.getLogger(ServiceTokenAuthenticationFetcher.class).warn(
                    "INTERNAL_SERVICE_TOKEN is the local development default: anyone who can reach this service can act "
                            + "as any user. Set a secret before exposing it.");
        }
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        String presented = request.getHeaders().get(ServiceCredentials.TOKEN_HEADER);
        if (presented == null || expected == null
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
