package dev.agenticchat.gateway.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.List;

/**
 * An artifact a turn made, as the extra {@code artifacts} field of the answer carries it; {@code url}
 * is {@code GET /v1/artifacts/{id}}, readable with the same key (the web app has no address of its
 * own for an artifact: it opens one in its thread's panel).
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
record ArtifactLink(String id, @Nullable String type, @Nullable String title, String url) {
    /** The answer's text with a line per artifact after it, so a client that shows only the text still links them. */
    static String appendTo(String content, List<ArtifactLink> artifacts) {
        if (artifacts.isEmpty()) {
            return content;
        }
        StringBuilder text = new StringBuilder(content).append(content.isEmpty() ? "" : "\n\n").append("Artifacts:");
        for (ArtifactLink artifact : artifacts) {
            text.append("\n- [").append(artifact.title() == null || artifact.title().isBlank() ? artifact.id() : artifact.title()
                    .replace("[", "(").replace("]", ")")).append("](").append(artifact.url()).append(')');
            if (artifact.type() != null) {
                text.append(" (").append(artifact.type()).append(')');
            }
        }
        return text.toString();
    }
}
