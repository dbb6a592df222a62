package dev.agenticchat.notification.otp;

import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.security.ServiceCredentials;
import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * One-time codes, for the gateway only (service credential; user tokens get 403). A code
 * request is answered 202 {} whatever the address, so the answer reveals nothing about it.
 */
@ProblemResponses
@Controller("/internal/otp")
@Secured(ServiceCredentials.ROLE)
@ExecuteOn(TaskExecutors.BLOCKING)
class OtpController {
    private final OtpService service;

    OtpController(OtpService service) {
        this.service = service;
    }

    @Post("/requests")
    HttpResponse<Map<String, Object>> request(@Body @Valid CodeRequest request, Authentication authentication) {
        service.request(request.tenantId().strip(), address(request.email()), purpose(request.purpose()),
                ClientIps.normalize(request.clientIp()).orElseThrow(() -> ApiProblem.badRequest(
                        "client_ip must be an IPv4 or IPv6 address", "client_ip")),
                Caller.of(authentication).userId());
        return HttpResponse.accepted().body(Map.of());
    }

    @Post("/verifications")
    VerificationView verify(@Body @Valid CodeCheck check) {
        if (!check.code().strip().matches("\\d{6}")) {
            throw ApiProblem.badRequest("code must be six digits", "code");
        }
        String clientIp = check.clientIp() == null ? null : ClientIps.normalize(check.clientIp()).orElseThrow(
                () -> ApiProblem.badRequest("client_ip must be an IPv4 or IPv6 address", "client_ip"));
        Verification result = service.verify(check.tenantId().strip(), address(check.email()), purpose(check.purpose()),
                check.code().strip(), clientIp);
        if (result instanceof Verification.Rejected) {
            throw new CodeRejected();
        }
        return new VerificationView(true, ((Verification.Verified) result).emailNormalized());
    }

    private static String address(String email) {
        return EmailAddresses.normalize(email)
                .orElseThrow(() -> ApiProblem.badRequest("email is not a valid email address", "email"));
    }

    private static Purpose purpose(String purpose) {
        return Purpose.of(purpose.strip())
                .orElseThrow(() -> ApiProblem.badRequest("purpose must be link_session or delete_data", "purpose"));
    }

    @Serdeable
    record CodeRequest(@NotBlank @Size(max = 200) String tenantId, @NotBlank @Size(max = 320) String email,
                       @NotBlank String purpose, @NotBlank @Size(max = 64) String clientIp) {
    }

    @Serdeable
    /** {@code client_ip} (optional) is the caller the gateway saw, counted for the per-IP lockout. */
    record CodeCheck(@NotBlank @Size(max = 200) String tenantId, @NotBlank @Size(max = 320) String email,
                     @NotBlank String purpose, @NotBlank @Size(max = 32) String code,
                     @Nullable @Size(max = 64) String clientIp) {
    }

    @Serdeable
    record VerificationView(boolean verified, String emailNormalized) {
    }
}
