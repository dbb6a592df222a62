package dev.agenticchat.support.security;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * The credential services present when they call each other on a user's behalf from
 * asynchronous work (no user token at hand). It is a secret shared only among the
 * services; the gateway never forwards these headers from outside.
 */
@ConfigurationProperties("agentic.service-credentials")
public class ServiceCredentials {
    public static final String TOKEN_HEADER = "X-Service-Token";
    public static final String TENANT_HEADER = "X-On-Behalf-Of-Tenant";
    public static final String USER_HEADER = "X-On-Behalf-Of-User";
    public static final String ROLE = "service";
    /** The default in application.yml, fit for one machine only; startup warns when it is in use. */
    public static final String LOCAL_DEFAULT = "local-dev-service-token";

    private String token;

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }
}
