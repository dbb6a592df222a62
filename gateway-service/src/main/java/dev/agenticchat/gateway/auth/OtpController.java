package dev.agenticchat.gateway.auth;

import dev.agenticchat.gateway.tenant.EmailAddress;
import dev.agenticchat.gateway.web.ClientAddress;
import dev.agenticchat.gateway.tenant.Tenant;
import dev.agenticchat.gateway.tenant.TenantService;
import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.Problem;
import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Email one-time codes: request one (always 202, whether or not the address is known) and
 * prove one to link the current anonymous session to that person.
 */
@ProblemResponses
@Controller("/api/auth/otp")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class OtpController {
    static final String LINK_SESSION = "link_session";
    public static final String DELETE_DATA = "delete_data";
    private static final Set<String> PURPOSES = Set.of(LINK_SESSION, DELETE_DATA);
    private static final String NOBODY = "anonymous";

    private final OneTimeCodeClient codes;
    private final TenantService tenants;
    private final SessionLinkingService linking;
    private final ClientAddress clientAddress;

    OtpController(OneTimeCodeClient codes, TenantService tenants, SessionLinkingService linking, ClientAddress clientAddress) {
        this.codes = codes;
        this.tenants = tenants;
        this.linking = linking;
        this.clientAddress = clientAddress;
    }

    /**
     * The tenant is the session's when there is one, else the body's {@code tenant} slug
     * (default {@code default}), so a person without a session can ask for an erasure code.
     */
    @Post("/request")
    HttpResponse<?> request(@Body @Valid CodeRequest body, @Nullable Authentication authentication, HttpRequest<?> request) {
        String email = validEmail(body.email());
        String purpose = validPurpose(body.purpose());
        String tenantId;
        String actingUser = NOBODY;
        if (authentication != null) {
            Caller caller = Caller.of(authentication);
            tenantId = caller.tenantId();
            actingUser = caller.userId();
        } else {
            Tenant tenant = tenants.requireActive(body.tenant() == null || body.tenant().isBlank() ? TenantService.DEFAULT_SLUG : body.tenant().strip());
            tenantId = tenant.id().toString();
        }
        try {
            codes.send(tenantId, actingUser, email, purpose, clientAddress.of(request));
        } catch (OneTimeCodeClient.RelayedProblem refused) {
            return relayed(refused, request);
        }
        return HttpResponse.accepted().body(Map.of("status", "sent_if_allowed",
                "detail", "If the address can receive mail, a code is on its way. It is valid for 10 minutes."));
    }

    /** Proves a {@code link_session} code: the session becomes the person; the answer carries the person's tokens. */
    @Post("/verify")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    HttpResponse<?> verify(@Body @Valid CodeProof body, Authentication authentication, HttpRequest<?> request) {
        String email = validEmail(body.email());
        String purpose = validPurpose(body.purpose());
        if (!LINK_SESSION.equals(purpose)) {
            throw ApiProblem.badRequest("a delete_data code is proven with POST /api/privacy/erasures", "purpose");
        }
        Caller caller = Caller.of(authentication);
        String proven;
        try {
            proven = codes.verify(caller.tenantId(), caller.userId(), email, purpose, body.code().strip(), clientAddress.of(request));
        } catch (OneTimeCodeClient.RelayedProblem refused) {
            return relayed(refused, request);
        }
        IssuedSession session = linking.link(UUID.fromString(caller.userId()), UUID.fromString(caller.tenantId()), proven);
        return HttpResponse.ok(AuthController.TokenResponse.of(session)).header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    public static String validEmail(String email) {
        if (!EmailAddress.valid(email)) {
            throw ApiProblem.badRequest("is not an email address", "email");
        }
        return EmailAddress.normalize(email);
    }

    static String validPurpose(String purpose) {
        if (!PURPOSES.contains(purpose)) {
            throw ApiProblem.badRequest("must be link_session or delete_data", "purpose");
        }
        return purpose;
    }

    public static HttpResponse<Problem> relayed(OneTimeCodeClient.RelayedProblem refused, HttpRequest<?> request) {
        var response = HttpResponse.<Problem>status(refused.status())
                .body(new Problem("about:blank", refused.title(), refused.status().getCode(), refused.getMessage(),
                        request.getPath(), refused.errors().isEmpty() ? null : refused.errors()))
                .contentType(Problem.MEDIA_TYPE);
        if (refused.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, refused.retryAfter());
        }
        return response;
    }

    @Serdeable
    record CodeRequest(@NotBlank @Size(max = EmailAddress.MAX_LENGTH) String email, @NotBlank @Size(max = 40) String purpose,
                       @Nullable @Size(max = 100) String tenant) {
    }

    @Serdeable
    record CodeProof(@NotBlank @Size(max = EmailAddress.MAX_LENGTH) String email, @NotBlank @Size(max = 40) String purpose,
                     @NotBlank @Size(max = 20) String code) {
    }
}
