package dev.agenticchat.gateway.internal;

import dev.agenticchat.gateway.tenant.Tenant;
import dev.agenticchat.gateway.tenant.TenantService;
import dev.agenticchat.gateway.auth.PersonService;
import dev.agenticchat.support.security.ServiceCredentials;
import dev.agenticchat.support.web.ApiProblem;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * What other services may ask the gateway about tenants and people, with the service
 * credential only (role {@code service}): a tenant's settings (inactivity timeout, summary
 * recipient) and a linked person's email address. Not routed from outside: keep /internal/**
 * off the public ingress too.
 */
@ProblemResponses
@Controller("/internal")
@Secured(ServiceCredentials.ROLE)
@ExecuteOn(TaskExecutors.BLOCKING)
class InternalDirectoryController {
    private final TenantService tenants;
    private final PersonService people;

    InternalDirectoryController(TenantService tenants, PersonService people) {
        this.tenants = tenants;
        this.people = people;
    }

    /** An id that is not even a UUID names no tenant: 404 like any unknown one, so callers skip it. */
    @Get("/tenants/{id}")
    TenantSettings tenant(String id) {
        Tenant tenant = uuid(id).flatMap(tenants::find).orElseThrow(() -> ApiProblem.notFound("tenant " + id));
        return new TenantSettings(tenant.id(), tenant.slug(), tenant.status(),
                tenant.inactivityTimeoutSeconds() == null ? null : Duration.ofSeconds(tenant.inactivityTimeoutSeconds()).toString(),
                tenant.summaryRecipient());
    }

    /** A user; {@code email} only for a linked person. A merged session answers with the person it became. */
    @Get("/users/{id}")
    PersonService.Person user(String id) {
        return uuid(id).flatMap(people::find).orElseThrow(() -> ApiProblem.notFound("user " + id));
    }

    private static Optional<UUID> uuid(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record TenantSettings(UUID id, String slug, String status, @Nullable String inactivityTimeout,
                          @Nullable String summaryRecipient) {
    }
}
