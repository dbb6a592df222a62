package dev.agenticchat.gateway.tenant;

import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Tenants: looked up for sign-in (only an active tenant may start or refresh a session) and
 * managed by the operator through the admin API.
 */
@Singleton
public class TenantService {
    public static final String DEFAULT_SLUG = "default";

    private final TenantRepository repository;

    TenantService(TenantRepository repository) {
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

    /** Whether the person with this (normalized) email was made an admin of the tenant. */
    public boolean isAdmin(UUID tenantId, @Nullable String email) {
        return email != null && repository.isAdmin(tenantId, EmailAddress.normalize(email));
    }

    @Transactional
    public Tenant create(String slug, String name, @Nullable String summaryRecipient, @Nullable Duration inactivityTimeout,
                         @Nullable List<String> allowedOrigins) {
        if (repository.findBySlug(slug).isPresent()) {
            throw new ApiProblem(HttpStatus.CONFLICT, "Tenant exists", "a tenant with slug '" + slug + "' already exists",
                    List.of(new Problem.FieldError("slug", "already taken")));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Tenant tenant = repository.save(new Tenant(UUID.randomUUID(), slug, name, Tenant.ACTIVE, normalizedOrNull(summaryRecipient),
                seconds(inactivityTimeout), now, now));
        if (allowedOrigins != null) {
            replaceAllowedOrigins(tenant.id(), allowedOrigins);
        }
        return tenant;
    }

    @Transactional(readOnly = true)
    public List<Tenant> list() {
        return repository.listOrderBySlug();
    }

    @Transactional(readOnly = true)
    public Tenant get(String slug) {
        return repository.findBySlug(slug).orElseThrow(() -> ApiProblem.notFound("tenant '" + slug + "'"));
    }

    /** Changes what is given; a blank summary recipient removes it. */
    @Transactional
    public Tenant update(String slug, TenantChange change) {
        Tenant current = repository.findByIdForUpdate(get(slug).id()).orElseThrow(() -> ApiProblem.notFound("tenant '" + slug + "'"));
        String recipient = change.summaryRecipient() == null ? current.summaryRecipient()
                : normalizedOrNull(change.summaryRecipient());
        Integer timeout = change.inactivityTimeout() == null ? current.inactivityTimeoutSeconds() : seconds(change.inactivityTimeout());
        if (change.allowedOrigins() != null) {
            replaceAllowedOrigins(current.id(), change.allowedOrigins());
        }
        return repository.update(new Tenant(current.id(), current.slug(),
                change.name() == null ? current.name() : change.name(),
                change.status() == null ? current.status() : change.status(),
                recipient, timeout, current.createdAt(), Instant.now().truncatedTo(ChronoUnit.MICROS)));
    }

    @Transactional
    public List<String> addAdmin(String slug, String email) {
        Tenant tenant = get(slug);
        repository.addAdmin(tenant.id(), EmailAddress.normalize(email));
        return repository.admins(tenant.id());
    }

    @Transactional(readOnly = true)
    public List<String> admins(String slug) {
        return repository.admins(get(slug).id());
    }

    /** The origins (normalized, see {@link AllowedOrigin}) that may embed the widget for the tenant. */
    @Transactional(readOnly = true)
    public List<String> allowedOrigins(String slug) {
        return repository.allowedOrigins(get(slug).id());
    }

    private void replaceAllowedOrigins(UUID tenantId, List<String> origins) {
        repository.removeAllowedOrigins(tenantId);
        origins.forEach(origin -> repository.addAllowedOrigin(tenantId, origin));
    }

    /** What an operator changes; null leaves a setting as it is ({@code allowedOrigins}: the whole new list, normalized). */
    public record TenantChange(@Nullable String name, @Nullable String status, @Nullable String summaryRecipient,
                               @Nullable Duration inactivityTimeout, @Nullable List<String> allowedOrigins) {
    }

    private static String normalizedOrNull(@Nullable String email) {
        return email == null || email.isBlank() ? null : EmailAddress.normalize(email);
    }

    private static Integer seconds(@Nullable Duration duration) {
        return duration == null ? null : Math.toIntExact(duration.toSeconds());
    }

    private static List<Problem.FieldError> fieldError(String message) {
        return List.of(new Problem.FieldError("tenant", message));
    }
}
