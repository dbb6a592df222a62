package dev.agenticchat.gateway.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.agenticchat.gateway.tenant.AllowedOrigin;
import dev.agenticchat.gateway.tenant.AllowedOrigins;
import dev.agenticchat.gateway.tenant.EmailAddress;
import dev.agenticchat.gateway.tenant.Tenant;
import dev.agenticchat.gateway.tenant.TenantService;
import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.Problem;
import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The operator's tenant administration ({@code Authorization: Bearer <ADMIN_TOKEN>}). */
@ProblemResponses
@Controller("/api/admin/tenants")
@Secured(AdminTokenAuthenticationFetcher.ROLE)
@ExecuteOn(TaskExecutors.BLOCKING)
class TenantAdminController {
    static final String SLUG = "^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$";
    static final String SLUG_MESSAGE = "must be 1 to 63 lowercase letters, digits or inner hyphens";

    private final TenantService tenants;
    private final AllowedOrigins allowedOrigins;

    TenantAdminController(TenantService tenants, AllowedOrigins allowedOrigins) {
        this.tenants = tenants;
        this.allowedOrigins = allowedOrigins;
    }

    @Post
    HttpResponse<TenantView> create(@Body @Valid CreateTenantRequest request) {
        List<String> origins = origins(request.allowedOrigins());
        Tenant tenant = tenants.create(request.slug(), request.name().strip(), recipient(request.summaryRecipient()),
                timeout(request.inactivityTimeout()), origins);
        allowedOrigins.refresh();
        return HttpResponse.created(TenantView.of(tenant, List.of(), origins == null ? List.of() : origins),
                URI.create("/api/admin/tenants/" + tenant.slug()));
    }

    /** Every tenant, by slug (a handful per installation: not paginated). */
    @Get
    TenantList list() {
        return new TenantList(tenants.list().stream().map(t -> TenantView.of(t, null, null)).toList());
    }

    @Get("/{slug}")
    TenantView get(String slug) {
        return TenantView.of(tenants.get(slug), tenants.admins(slug), tenants.allowedOrigins(slug));
    }

    @Patch("/{slug}")
    TenantView update(String slug, @Body @Valid UpdateTenantRequest request) {
        if (request.name() != null && request.name().isBlank()) {
            throw ApiProblem.badRequest("must not be blank", "name");
        }
        Tenant tenant = tenants.update(slug, new TenantService.TenantChange(
                request.name() == null ? null : request.name().strip(), request.status(),
                request.summaryRecipient() == null ? null : request.summaryRecipient().isBlank() ? "" : recipient(request.summaryRecipient()),
                timeout(request.inactivityTimeout()), origins(request.allowedOrigins())));
        allowedOrigins.refresh();
        return TenantView.of(tenant, tenants.admins(slug), tenants.allowedOrigins(slug));
    }

    /** Makes the person with this email an admin of the tenant: the role is in their next token. */
    @Post("/{slug}/admins")
    HttpResponse<TenantView> addAdmin(String slug, @Body @Valid AddAdminRequest request) {
        if (!EmailAddress.valid(request.email())) {
            throw ApiProblem.badRequest("is not an email address", "email");
        }
        List<String> admins = tenants.addAdmin(slug, request.email());
        return HttpResponse.created(TenantView.of(tenants.get(slug), admins, tenants.allowedOrigins(slug)));
    }

    private static String recipient(@Nullable String email) {
        if (email == null) {
            return null;
        }
        if (!EmailAddress.valid(email)) {
            throw ApiProblem.badRequest("is not an email address", "summary_recipient");
        }
        return email;
    }

    /** The list normalized and without repeats, or one 400 naming each entry that is not an origin. */
    private static List<String> origins(@Nullable List<String> texts) {
        if (texts == null) {
            return null;
        }
        if (texts.size() > AllowedOrigin.MAX_PER_TENANT) {
            throw ApiProblem.badRequest("at most " + AllowedOrigin.MAX_PER_TENANT + " origins", "allowed_origins");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<String> origins = new LinkedHashSet<>();
        for (int i = 0; i < texts.size(); i++) {
            Optional<String> origin = AllowedOrigin.parse(texts.get(i));
            if (origin.isPresent()) {
                origins.add(origin.get());
            } else {
                errors.add(new Problem.FieldError("allowed_origins[" + i + "]", AllowedOrigin.RULE));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Bad request", "some allowed origins are not origins", errors);
        }
        return List.copyOf(origins);
    }

    private static Duration timeout(@Nullable String text) {
        return text == null ? null : Durations.parse(text, "inactivity_timeout");
    }

    @Serdeable
    record CreateTenantRequest(@NotBlank @Pattern(regexp = SLUG, message = SLUG_MESSAGE) String slug,
                               @NotBlank @Size(max = 200) String name,
                               @Nullable @Size(max = EmailAddress.MAX_LENGTH) String summaryRecipient,
                               @Nullable @Size(max = 40) String inactivityTimeout,
                               @Nullable List<String> allowedOrigins) {
    }

    @Serdeable
    record UpdateTenantRequest(@Nullable @Size(max = 200) String name,
                               @Nullable @Pattern(regexp = "^(active|disabled)$", message = "must be active or disabled") String status,
                               @Nullable @Size(max = EmailAddress.MAX_LENGTH) String summaryRecipient,
                               @Nullable @Size(max = 40) String inactivityTimeout,
                               @Nullable List<String> allowedOrigins) {
    }

    @Serdeable
    record AddAdminRequest(@NotBlank @Size(max = EmailAddress.MAX_LENGTH) String email) {
    }

    @Serdeable
    record TenantList(List<TenantView> items) {
    }

    /**
     * {@code inactivity_timeout} is ISO-8601, null when the suite's default applies; admins and
     * allowed origins (normalized) only on single reads.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record TenantView(UUID id, String slug, String name, String status, @Nullable String summaryRecipient,
                      @Nullable String inactivityTimeout, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<String> admins,
                      @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<String> allowedOrigins,
                      Instant createdAt, Instant updatedAt) {
        static TenantView of(Tenant t, @Nullable List<String> admins, @Nullable List<String> allowedOrigins) {
            return new TenantView(t.id(), t.slug(), t.name(), t.status(), t.summaryRecipient(),
                    Durations.format(t.inactivityTimeoutSeconds()), admins, allowedOrigins, t.createdAt(), t.updatedAt());
        }
    }
}
