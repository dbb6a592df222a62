package dev.agenticchat.gateway.privacy;

import dev.agenticchat.gateway.auth.OneTimeCodeClient;
import dev.agenticchat.gateway.auth.OtpController;
import dev.agenticchat.gateway.tenant.EmailAddress;
import dev.agenticchat.gateway.tenant.Tenant;
import dev.agenticchat.gateway.tenant.TenantService;
import dev.agenticchat.gateway.web.ClientAddress;
import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.UUID;

/**
 * Erasure without a session: the person proves the address with a {@code delete_data} code
 * (POST /api/auth/otp/request first) and gets an erasure id to follow. The id is a random
 * UUID: knowing it shows only the progress, never whom it is about.
 */
@ProblemResponses
@Controller("/api/privacy/erasures")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class PrivacyController {
    private static final String NOBODY = "anonymous";

    private final OneTimeCodeClient codes;
    private final TenantService tenants;
    private final ErasureService erasures;
    private final ClientAddress clientAddress;

    PrivacyController(OneTimeCodeClient codes, TenantService tenants, ErasureService erasures, ClientAddress clientAddress) {
        this.codes = codes;
        this.clientAddress = clientAddress;
        this.tenants = tenants;
        this.erasures = erasures;
    }

    @Post
    HttpResponse<?> request(@Body @Valid ErasureRequest body, HttpRequest<?> request) {
        String email = OtpController.validEmail(body.email());
        Tenant tenant = tenants.requireActive(body.tenant() == null || body.tenant().isBlank() ? TenantService.DEFAULT_SLUG : body.tenant().strip());
        String proven;
        try {
            proven = codes.verify(tenant.id().toString(), NOBODY, email, OtpController.DELETE_DATA, body.code().strip(),
                    clientAddress.of(request));
        } catch (OneTimeCodeClient.RelayedProblem refused) {
            return OtpController.relayed(refused, request);
        }
        ErasureView erasure = erasures.start(tenant.id(), proven);
        return HttpResponse.accepted(URI.create("/api/privacy/erasures/" + erasure.id())).body(erasure);
    }

    @Get("/{id}")
    ErasureView status(UUID id) {
        return erasures.view(id);
    }

    @Serdeable
    record ErasureRequest(@NotBlank @Size(max = EmailAddress.MAX_LENGTH) String email, @NotBlank @Size(max = 20) String code,
                          @Nullable @Size(max = 100) String tenant) {
    }
}
