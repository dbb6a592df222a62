package dev.agenticchat.gateway;

import dev.agenticchat.support.logging.ServiceStart;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** Its OpenAPI document is written at build time and served at {@code /swagger/gateway-service.yml}. */
@OpenAPIDefinition(
        info = @Info(title = "gateway-service", version = "0.1.0",
                description = "Identity (sessions, tokens, one-time codes, JWKS), tenants, API keys, the thread streams (SSE, WebSocket), ChatKit and the OpenAI-compatible API. The merged public API is at /api/openapi.yml."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class Application {
    public static void main(String[] args) {
        ServiceStart.run(Application.class, args);
    }
}
