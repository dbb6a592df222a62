package dev.agenticchat.agent.credentials;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The tenant's provider credentials, for its admins (the gateway routes {@code /api/credentials}
 * and {@code /api/agents} here). A PUT answers 201 when the scope had no credential for the
 * provider, 200 when it replaced one; neither shows the key.
 */
@ProblemResponses
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class CredentialController {
    private final CredentialService credentials;

    CredentialController(CredentialService credentials) {
        this.credentials = credentials;
    }

    /** The tenant's own first, then its agents'. */
    @Get("/api/credentials")
    Items list(Authentication authentication) {
        return new Items(credentials.list(Caller.of(authentication)));
    }

    @Put("/api/credentials/{provider}")
    HttpResponse<CredentialView> putForTenant(String provider, @Body CredentialRequest request, Authentication authentication) {
        return answer(credentials.put(Caller.of(authentication), null, provider, request));
    }

    @Delete("/api/credentials/{provider}")
    @Status(HttpStatus.NO_CONTENT)
    void deleteForTenant(String provider, Authentication authentication) {
        credentials.delete(Caller.of(authentication), null, provider);
    }

    @Put("/api/agents/{slug}/credentials/{provider}")
    HttpResponse<CredentialView> putForAgent(String slug, String provider, @Body CredentialRequest request,
                                             Authentication authentication) {
        return answer(credentials.put(Caller.of(authentication), slug, provider, request));
    }

    @Delete("/api/agents/{slug}/credentials/{provider}")
    @Status(HttpStatus.NO_CONTENT)
    void deleteForAgent(String slug, String provider, Authentication authentication) {
        credentials.delete(Caller.of(authentication), slug, provider);
    }

    private static HttpResponse<CredentialView> answer(CredentialService.Written written) {
        return HttpResponse.status(written.created() ? HttpStatus.CREATED : HttpStatus.OK).body(written.view());
    }

    /** {@code items} even when there are none. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Items(List<CredentialView> items) {
    }
}
