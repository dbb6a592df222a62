package dev.agenticchat.gateway.auth;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

/**
 * The client's IP for rate limits. By default the TCP peer: a header a client can set would
 * let it dodge per-IP limits. Behind a load balancer, name the header it sets
 * ({@code GATEWAY_CLIENT_IP_HEADER}, e.g. X-Forwarded-For): its first address is used.
 */
@Singleton
public class ClientAddress {
    private final String header;

    ClientAddress(@Value("${gateway.client-ip-header:}") String header) {
        this.header = header == null || header.isBlank() ? null : header.strip();
    }

    String of(HttpRequest<?> request) {
        if (header != null) {
            String value = request.getHeaders().get(header);
            if (value != null && !value.isBlank()) {
                return value.split(",")[0].strip();
            }
        }
        return request.getRemoteAddress().getAddress().getHostAddress();
    }
}
