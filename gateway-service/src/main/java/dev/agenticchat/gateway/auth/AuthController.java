package dev.agenticchat.gateway.auth;

import dev.agenticchat.gateway.tenant.TenantService;
import dev.agenticchat.gateway.web.ClientAddress;
import dev.agenticchat.gateway.widget.CorsTenant;
import dev.agenticchat.support.web.ApiProblem;
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
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** Sessions: anonymous sign-in and refresh-token rotation. Responses are never cached (RFC 6749 §5.1). */
@ProblemResponses
@Controller("/api/auth")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class AuthController {
    private final SessionService sessions;
    private final ClientAddress clientAddress;

    AuthController(SessionService sessions, ClientAddress clientAddress) {
        this.sessions = sessions;
        this.clientAddress = clientAddress;
    }

    @Post("/anonymous")
    HttpResponse<TokenResponse> anonymous(@Body @Nullable @Valid AnonymousSessionRequest body, HttpRequest<?> request) {
        String tenant = body == null || body.tenant() == null || body.tenant().isBlank()
                ? TenantService.DEFAULT_SLUG : body.tenant().strip();
        CorsTenant.bySlug(request, tenant);
        return noStore(TokenResponse.of(sessions.startAnonymous(tenant, clientAddress.of(request))));
    }

    @Post("/refresh")
    HttpResponse<TokenResponse> refresh(@Body @Valid RefreshRequest body, HttpRequest<?> request) {
        return sessions.refresh(body.refreshToken())
                .map(session -> {
                    CorsTenant.byId(request, session.tenantId());
                    return noStore(TokenResponse.of(session));
                })
                .orElseThrow(() -> new ApiProblem(HttpStatus.UNAUTHORIZED, "Invalid refresh token",
                        "the refresh token is unknown, expired or already used; start a new session", List.of()));
    }

    private static HttpResponse<TokenResponse> noStore(TokenResponse body) {
        return HttpResponse.ok(body).header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Serdeable
    record AnonymousSessionRequest(@Nullable @Size(max = 100) String tenant) {
    }

    @Serdeable
    record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
    }

    @Serdeable
    record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken, UUID userId,
                         UUID tenantId) {
        static TokenResponse of(IssuedSession session) {
            return new TokenResponse(session.accessToken(), "Bearer", session.accessTokenTtl().toSeconds(),
                    session.refreshToken(), session.userId(), session.tenantId());
        }
    }
}
