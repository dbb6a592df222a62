package dev.agenticchat.retrieval;

import dev.agenticchat.support.logging.ServiceStart;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** Its OpenAPI document is written at build time and served at {@code /swagger/retrieval-service.yml}. */
@OpenAPIDefinition(
        info = @Info(title = "retrieval-service", version = "0.1.0",
                description = "Knowledge bases and their documents. Reached through the gateway under /api."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class Application {
    public static void main(String[] args) {
        ServiceStart.run(Application.class, args);
    }
}
