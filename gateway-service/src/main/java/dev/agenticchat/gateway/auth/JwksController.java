package dev.agenticchat.gateway.auth;

import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/** The public keys every service validates the gateway's tokens with. */
@ProblemResponses
@Controller("/.well-known")
@Secured(SecurityRule.IS_ANONYMOUS)
class JwksController {
    private final String jwks;

    JwksController(SigningKeys keys) {
        this.jwks = keys.publicKeys().toString();
    }

    @Get(value = "/jwks.json", produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> jwks() {
        return HttpResponse.ok(jwks).header(HttpHeaders.CACHE_CONTROL, "public, max-age=300");
    }
}
