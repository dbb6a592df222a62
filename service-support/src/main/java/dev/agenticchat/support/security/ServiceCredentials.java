package dev.agenticchat.support.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.List;

/**
 * The credential services present when they call each other on a user's behalf from
 * asynchronous work (no user token at hand). It is a secret shared only among the
 * services; the gateway never forwards these headers from outside, and accepts the credential
 * itself only on {@code /internal/**} ({@code paths}).
 */
@ConfigurationProperties("agentic.service-credentials")
public class ServiceCredentials {
    public static final String TOKEN_HEADER = "X-Service-Token";
    public static final String TENANT_HEADER = "X-On-Behalf-Of-Tenant";
    public static final String USER_HEADER = "X-On-Behalf-Of-User";
    public static final String ROLE = "service";
    /** The default in application.yml, fit for one machine only: a deployed service refuses to start with it. */
    public static final String LOCAL_DEFAULT = "local-dev-service-token";

    private String token;
    private List<String> paths = List.of("/");

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    /** Path prefixes on which the credential authenticates; everywhere by default. */
    public List<String> getPaths() {
        return paths;
    }

    public void setPaths(List<String> paths) {
        this.paths = List.copyOf(paths);
    }

    boolean acceptedOn(String path) {
        return paths.stream().anyMatch(path::startsWith);
    }
}
