package dev.agenticchat.gateway.proxy;

import dev.agenticchat.support.security.ServiceCredentials;
import io.micronaut.http.MutableHttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Header hygiene at the edge: hop-by-hop headers stay on their hop, service credentials never come from outside. */
final class ProxyHeaders {
    /** RFC 9110 §7.6.1, plus the non-standard Proxy-Connection and Keep-Alive. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");
    private static final List<String> SERVICE_CREDENTIALS = List.of(ServiceCredentials.TOKEN_HEADER,
            ServiceCredentials.TENANT_HEADER, ServiceCredentials.USER_HEADER);

    private ProxyHeaders() {
    }

    static void cleanRequest(MutableHttpHeaders headers) {
        removeHopByHop(headers);
        SERVICE_CREDENTIALS.forEach(headers::remove);
    }

    static void cleanResponse(MutableHttpHeaders headers) {
        removeHopByHop(headers);
    }

    private static void removeHopByHop(MutableHttpHeaders headers) {
        List<String> named = new ArrayList<>();
        for (String value : headers.getAll("Connection")) {
            for (String token : value.split(",")) {
                if (!token.isBlank()) {
                    named.add(token.strip());
                }
            }
        }
        named.forEach(headers::remove);
        List<String> present = new ArrayList<>(headers.names());
        for (String name : present) {
            if (HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                headers.remove(name);
            }
        }
    }
}
