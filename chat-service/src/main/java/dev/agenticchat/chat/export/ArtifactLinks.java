package dev.agenticchat.chat.export;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where an artifact of an answer is read: artifact-service's API behind the gateway. The web app
 * has no address of its own for an artifact (it opens one in a panel of its thread), so the API
 * is the only link. The id is an agent's string, so it is encoded as one path segment.
 */
final class ArtifactLinks {
    private ArtifactLinks() {
    }

    static String of(String artifactId) {
        return "/api/artifacts/" + URLEncoder.encode(artifactId, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
