package dev.agenticchat.gateway.tenant;

import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.Problem;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Looks tenants up for sign-in: only an active tenant may start or refresh a session. */
@Singleton
public class Tenants {
    public static final String DEFAULT_SLUG = "default";

    private final TenantRepository repository;

    Tenants(TenantRepository repository) {
        this.repository = repository;
    }

    /** The active tenant with this slug; 404 if unknown, 403 if disabled, both naming the field {@code tenant}. */
    public Tenant requireActive(String slug) {
        Tenant tenant = repository.findBySlug(slug).orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND,
                "Unknown tenant", "tenant '" + slug + "' does not exist", fieldError("no such tenant")));
        requireActive(tenant);
        return tenant;
    }

    public Optional<Tenant> find(UUID id) {
        return repository.findById(id);
    }

    public static void requireActive(Tenant tenant) {
        if (!tenant.active()) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "Tenant disabled",
                    "tenant '" + tenant.slug() + "' is disabled", fieldError("tenant is disabled"));
        }
    }

    private static List<Problem.FieldError> fieldError(String message) {
        return List.of(new Problem.FieldError("tenant", message));
    }
}
