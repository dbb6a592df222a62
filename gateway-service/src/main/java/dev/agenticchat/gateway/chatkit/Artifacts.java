package dev.agenticchat.gateway.chatkit;

import dev.agenticchat.contracts.events.ArtifactSnapshot;
import dev.agenticchat.gateway.config.ServiceUrls;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;

/**
 * The artifacts an answer in the history made, read from artifact-service with the caller's token,
 * so a stored table or chart is drawn as it was live. Anything that goes wrong (gone, not the
 * caller's, artifact-service down) leaves the link card: the history is never refused for it.
 */
@Singleton
class Artifacts {
    private final HttpClient client;
    private final String baseUrl;

    Artifacts(HttpClient client, ServiceUrls urls) {
        this.client = client;
        String base = urls.artifact().toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    @SuppressWarnings("unchecked")
    CompletableFuture<Optional<ArtifactSnapshot>> find(String token, String artifactId) {
        try {
            return Mono.from(client.retrieve(HttpRequest.GET(URI.create(baseUrl + "/api/artifacts/" + artifactId)).bearerAuth(token)
                            .accept(MediaType.APPLICATION_JSON_TYPE), Argument.mapOf(String.class, Object.class)))
                    .toFuture()
                    .handle((view, error) -> error != null || view == null ? Optional.<ArtifactSnapshot>empty()
                            : Optional.of(new ArtifactSnapshot(Items.text(view, "id"), Items.text(view, "type"),
                                    Items.text(view, "title"), Items.text(view, "status"),
                                    view.get("version") instanceof Number version ? version.intValue() : 1,
                                    (String) view.get("thread_id"), (String) view.get("turn_id"),
                                    view.get("content") instanceof Map<?, ?> content ? (Map<String, Object>) content : Map.of(),
                                    Instant.parse(Items.text(view, "created_at")))));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
    }
}
