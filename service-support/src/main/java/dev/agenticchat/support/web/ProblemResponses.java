package dev.agenticchat.support.web;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a controller: its OpenAPI operations say that every error is a {@link Problem}
 * ({@code application/problem+json}), as {@code ProblemResponseProcessor} and the exception handlers
 * make it. One {@code 4XX} response (any client error) and one {@code 5XX} rather than a list of statuses per operation: the statuses a
 * route answers are in the docs, and a list kept by hand on 40 controllers would drift from the code.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ApiResponse(responseCode = "4XX",
        description = "An error, as RFC 9457 problem details: 400 invalid request (errors[] names the fields), "
                + "401 no or bad token, 403 not allowed, 404 not found (or not yours), 409 conflict, "
                + "413 too large, 415 unsupported media type, 422 rejected content, 429 rate limited.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "5XX",
        description = "A server error, as RFC 9457 problem details: 500 unexpected (the detail never carries internals), "
                + "502/503/504 a service or provider behind this one did not answer (retry later; Retry-After when known).",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public @interface ProblemResponses {
}
