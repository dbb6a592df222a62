package dev.agenticchat.gateway.auth;

import dev.agenticchat.support.security.ServiceCredentials;
import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.Problem;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * notification-service owns one-time codes (docs/architecture.md, "Services"): the gateway asks it
 * to send one and to check one, with the service credential. Its refusals (bad code, expired, rate
 * limit) reach the client as they are: same status, same problem body.
 */
@Singleton
public class OneTimeCodeClient {
    private static final Logger LOG = LoggerFactory.getLogger(OneTimeCodeClient.class);
    private static final Argument<Problem> PROBLEM = Argument.of(Problem.class);

    private final HttpClient notification;
    private final ServiceCredentials credentials;

    OneTimeCodeClient(@Client(id = "notification-service") HttpClient notification, ServiceCredentials credentials) {
        this.notification = notification;
        this.credentials = credentials;
    }

    public void send(String tenantId, String actingUser, String email, String purpose, String clientIp) {
        call(HttpRequest.POST("/internal/otp/requests",
                Map.of("tenant_id", tenantId, "email", email, "purpose", purpose, "client_ip", clientIp)), tenantId, actingUser);
    }

    /** The normalized email the code proved; a 4xx problem otherwise. Failed checks count against the client's IP too. */
    public String verify(String tenantId, String actingUser, String email, String purpose, String code, String clientIp) {
        Verification verification = call(HttpRequest.POST("/internal/otp/verifications",
                Map.of("tenant_id", tenantId, "email", email, "purpose", purpose, "code", code, "client_ip", clientIp)),
                tenantId, actingUser)
                .orElseThrow(() -> unavailable("gave no answer"));
        if (!verification.verified() || verification.emailNormalized() == null) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid code", "the code is not valid", List.of());
        }
        return verification.emailNormalized();
    }

    private Optional<Verification> call(HttpRequest<?> request, String tenantId, String actingUser) {
        HttpRequest<?> signed = ((io.micronaut.http.MutableHttpRequest<?>) request)
                .header(ServiceCredentials.TOKEN_HEADER, credentials.getToken())
                .header(ServiceCredentials.TENANT_HEADER, tenantId)
                .header(ServiceCredentials.USER_HEADER, actingUser);
        try {
            return Optional.ofNullable(notification.toBlocking().retrieve(signed, Verification.class));
        } catch (HttpClientResponseException e) {
            int status = e.getStatus().getCode();
            if (status >= 400 && status < 500 && status != 401 && status != 403 && status != 404) {
                Problem problem = e.getResponse().getBody(PROBLEM).orElse(null);
                String retryAfter = e.getResponse().getHeaders().get("Retry-After");
                throw new RelayedProblem(e.getStatus(), problem, retryAfter);
            }
            LOG.warn("notification-service answered HTTP {} to {}", status, request.getPath());
            throw unavailable("answered HTTP " + status);
        } catch (HttpClientException e) {
            LOG.warn("notification-service unreachable: {}", e.getMessage());
            throw unavailable("is unreachable");
        }
    }

    private static ApiProblem unavailable(String what) {
        return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "Codes unavailable",
                "notification-service " + what + "; try again shortly", List.of());
    }

    @Serdeable
    record Verification(boolean verified, @io.micronaut.core.annotation.Nullable String emailNormalized) {
    }

    /** A refusal of notification-service, passed on to the client unchanged. */
    public static final class RelayedProblem extends ApiProblem {
        private final String retryAfter;

        RelayedProblem(HttpStatus status, Problem problem, String retryAfter) {
            super(status, problem == null || problem.title() == null ? status.getReason() : problem.title(),
                    problem == null || problem.detail() == null ? "the code request was refused" : problem.detail(),
                    problem == null || problem.errors() == null ? List.of() : problem.errors());
            this.retryAfter = retryAfter;
        }

        public String retryAfter() {
            return retryAfter;
        }
    }
}
