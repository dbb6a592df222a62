package dev.agenticchat.artifact.artifact;

import dev.agenticchat.artifact.validation.ArtifactTypeRegistry;
import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * The artifact tools, public: what a client or another agent runtime reads to offer them
 * to a model. {@code schema} is the type's JSON Schema document exactly as this service
 * validates with it.
 */
@ProblemResponses
@Controller("/api/artifact-types")
@Secured(SecurityRule.IS_ANONYMOUS)
class ArtifactTypeController {
    private final List<ArtifactTypeView> views;

    ArtifactTypeController(ArtifactTypeRegistry registry) {
        this.views = registry.all().stream()
                .map(type -> new ArtifactTypeView(type.name(), type.toolName(), type.description(), type.schemaAsMap()))
                .toList();
    }

    @Get
    List<ArtifactTypeView> list() {
        return views;
    }

    @Serdeable
    record ArtifactTypeView(String type, String toolName, String description, Map<String, Object> schema) {
    }
}
