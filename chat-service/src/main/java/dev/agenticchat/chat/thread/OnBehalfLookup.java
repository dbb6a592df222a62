package dev.agenticchat.chat.thread;

import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.security.ServiceCredentials;
import dev.agenticchat.support.web.ApiProblem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks another service, with the service credential on the caller's behalf, whether a resource
 * exists for them: 2xx yes, 404 or 400 no; anything else (or no answer) is a 503 problem
 * "{@code <things> cannot be checked}", since chat-service cannot tell.
 */
final class OnBehalfLookup {
    private static final Logger LOG = LoggerFactory.getLogger(OnBehalfLookup.class);

    private final HttpClient client;
    private final ServiceCredentials credentials;
    private final String service;
    private final String things;

    /** {@code things}: what is looked up, for the 503 ("Agents", "Knowledge bases"). */
    OnBehalfLookup(HttpClient client, ServiceCredentials credentials, String service, String things) {
        this.client = client;
        this.credentials = credentials;
        this.service = service;
        this.things = things;
    }

    boolean exists(Caller caller, String path) {
        HttpRequest<?> request = HttpRequest.GET(path)
                .header(ServiceCredentials.TOKEN_HEADER, credentials.getToken())
                .header(ServiceCredentials.TENANT_HEADER, caller.tenantId())
                .header(ServiceCredentials.USER_HEADER, caller.userId());
        try {
            client.toBlocking().exchange(request);
            return true;
        } catch (HttpClientResponseException e) {
            int status = e.getStatus().getCode();
            if (status == HttpStatus.NOT_FOUND.getCode() || status == HttpStatus.BAD_REQUEST.getCode()) {
                return false;
            }
            LOG.warn("{} answered HTTP {} to a lookup of {}", service, status, things.toLowerCase());
            throw unavailable("answered HTTP " + status);
        } catch (HttpClientException e) {
            LOG.warn("{} unreachable: {}", service, e.getMessage());
            throw unavailable("is unreachable");
        }
    }

    private ApiProblem unavailable(String what) {
        return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, things + " cannot be checked",
                service + " " + what + "; try again shortly", List.of());
    }
}
